package dev.marcoforge.sandbox.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class Boxed {

    private static final Pattern BOXED = Pattern.compile("boxed\\{(-?\\d+)}");

    private Boxed() {
    }

    /** The boxed number in an answer, as the reference evaluator reads it. */
    public static long valueIn(String answer) {
        Matcher matcher = BOXED.matcher(answer);
        if (!matcher.find()) {
            throw new AssertionError("no \\boxed{N} in: " + answer);
        }
        return Long.parseLong(matcher.group(1));
    }
}
