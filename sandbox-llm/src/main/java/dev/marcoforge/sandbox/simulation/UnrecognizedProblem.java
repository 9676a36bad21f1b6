package dev.marcoforge.sandbox.simulation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A question the simulator has no procedure for; it still answers, with a guess built from the question. */
public record UnrecognizedProblem(String question) implements Problem {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    /** The sum of the numbers in the question, or 0: deterministic, so repeated runs agree. */
    @Override
    public long solution() {
        Matcher matcher = INTEGER.matcher(question);
        long sum = 0;
        while (matcher.find()) {
            sum += Long.parseLong(matcher.group());
        }
        return sum;
    }
}
