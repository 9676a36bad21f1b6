package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks, inside the text the narrators compose, where the simulator made a mistake. The marks are characters of
 * Unicode's private use area: the narrators keep composing plain strings, and {@link #read(String)} turns the
 * marks into spans and removes them before any text leaves the simulation. Nothing else ever sees them.
 */
final class DoubtMarks {

    private static final char CLAIM_START = '\uE000';
    private static final char CLAIM_END = '\uE001';
    private static final char STEP_START = '\uE002';
    private static final char STEP_END = '\uE003';

    private DoubtMarks() {
    }

    /** The stated figure, marked as a wrong claim when this step got it wrong. */
    static String figure(long stated, long expected) {
        return stated == expected ? String.valueOf(stated) : wrongClaim(String.valueOf(stated));
    }

    static String wrongClaim(String text) {
        return wrap(text, CLAIM_START, CLAIM_END);
    }

    /** A step body written while a mistake was injected; its outer whitespace stays outside the mark. */
    static String shakenStep(String text) {
        return wrap(text, STEP_START, STEP_END);
    }

    /** The text without marks, as the client sees it and as later steps re-read it. */
    static String strip(String marked) {
        StringBuilder plain = new StringBuilder(marked.length());
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (!isMark(c)) {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    static SimulatedText read(String marked) {
        StringBuilder plain = new StringBuilder(marked.length());
        List<SimulatedText.DoubtfulSpan> spans = new ArrayList<>();
        int claimStart = -1;
        int stepStart = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            switch (c) {
                case CLAIM_START -> claimStart = plain.length();
                case STEP_START -> stepStart = plain.length();
                case CLAIM_END -> {
                    spans.add(new SimulatedText.DoubtfulSpan(claimStart, plain.length(), Doubt.WRONG_CLAIM));
                    claimStart = -1;
                }
                case STEP_END -> {
                    spans.add(new SimulatedText.DoubtfulSpan(stepStart, plain.length(), Doubt.SHAKEN_STEP));
                    stepStart = -1;
                }
                default -> plain.append(c);
            }
        }
        return new SimulatedText(plain.toString(), spans);
    }

    private static String wrap(String text, char start, char end) {
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return text;
        }
        return text.substring(0, from) + start + text.substring(from, to) + end + text.substring(to);
    }

    private static boolean isMark(char c) {
        return c >= CLAIM_START && c <= STEP_END;
    }
}
