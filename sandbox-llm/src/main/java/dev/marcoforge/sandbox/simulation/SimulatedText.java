package dev.marcoforge.sandbox.simulation;

import java.util.List;

/**
 * What the simulator wrote, plus where it knows it went wrong: the spans the logprobs make less confident.
 *
 * @param doubts character ranges of {@code text}; ranges may nest (a wrong figure inside a shaken step)
 */
public record SimulatedText(String text, List<DoubtfulSpan> doubts) {

    public record DoubtfulSpan(int start, int end, Doubt doubt) {
    }

    public SimulatedText {
        doubts = List.copyOf(doubts);
    }

    /** The most doubtful level over any of the characters {@code [start, end)}. */
    public Doubt doubtOver(int start, int end) {
        Doubt doubt = Doubt.SURE;
        for (DoubtfulSpan span : doubts) {
            if (span.start() < end && start < span.end()) {
                doubt = doubt.atLeast(span.doubt());
            }
        }
        return doubt;
    }
}
