package dev.marcoforge.sandbox.simulation;

import java.util.List;

/**
 * The simulated log-probability of one generated token, in the terms OpenAI and vLLM report.
 *
 * @param token      the token's text, with the whitespace before it; the tokens of a choice concatenate to its text
 * @param textOffset where the token starts in the choice's text, in code points (as vLLM's {@code text_offset})
 * @param logprob    natural log of the chosen token's probability
 * @param top        the most likely tokens at this position, most likely first; the chosen token is among them
 *                   unless a more likely alternative took the only place
 */
public record TokenLogprob(String token, int textOffset, double logprob, List<Alternative> top) {

    public record Alternative(String token, double logprob) {
    }

    public TokenLogprob {
        top = List.copyOf(top);
    }
}
