package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gives every token of a choice a simulated log-probability and its most likely alternatives. How sure a token
 * is follows from where the simulator knows it made a mistake ({@link SimulatedText#doubtOver}), so a confidence
 * reward computed from these logprobs ranks sound reasoning above reasoning with injected mistakes.
 */
final class LogprobAnnotator {

    /** Keeps the logprob draws apart from the choice's text draws, which must not change when logprobs are asked. */
    private static final long LOGPROB_STREAM = 0x632BE59BD9B4E019L;
    private static final long TOKEN_GAMMA = 0xBF58476D1CE4E5B9L;

    private LogprobAnnotator() {
    }

    /**
     * @param written the whole simulated text with its doubts
     * @param kept    the prefix of {@code written}'s text that was returned (after stop sequences and max_tokens)
     * @param top     how many most likely tokens to list per position, 0 to {@link TokenDistribution#TOP}
     */
    static List<TokenLogprob> annotate(SimulatedText written, String kept, long choiceSeed, int top) {
        List<String> tokens = Tokenizer.tokens(kept);
        List<TokenLogprob> annotated = new ArrayList<>(tokens.size());
        int charOffset = 0;
        int codePointOffset = 0;
        for (int index = 0; index < tokens.size(); index++) {
            String token = tokens.get(index);
            // Each token draws from its own stream, so a truncated answer keeps the logprobs of its tokens.
            SplittableRandom random = new SplittableRandom((choiceSeed ^ LOGPROB_STREAM) + TOKEN_GAMMA * index);
            // The whitespace before a token is not what it is unsure of.
            int coreStart = charOffset + leadingWhitespace(token);
            Doubt doubt = written.doubtOver(coreStart, coreStart + token.strip().length());
            annotated.add(annotate(token, codePointOffset, TokenDistribution.draw(doubt, random), top, random));
            charOffset += token.length();
            codePointOffset += token.codePointCount(0, token.length());
        }
        return annotated;
    }

    private static TokenLogprob annotate(String token, int offset, TokenDistribution distribution, int top,
                                         SplittableRandom random) {
        double chosen = Math.log(distribution.chosen());
        // The chosen token can rank below the first alternative, so `top` places may all need alternatives.
        List<String> others = AlternativeTokens.around(token, Math.min(top, TokenDistribution.ALTERNATIVES), random);
        List<TokenLogprob.Alternative> listed = new ArrayList<>(top);
        boolean chosenListed = false;
        int next = 0;
        while (listed.size() < top) {
            boolean chosenRanksNext = !chosenListed
                    && (next == others.size() || chosen >= Math.log(distribution.alternatives()[next]));
            if (chosenRanksNext) {
                listed.add(new TokenLogprob.Alternative(token, chosen));
                chosenListed = true;
            } else {
                listed.add(new TokenLogprob.Alternative(others.get(next), Math.log(distribution.alternatives()[next])));
                next++;
            }
        }
        return new TokenLogprob(token, offset, chosen, listed);
    }

    private static int leadingWhitespace(String token) {
        int count = 0;
        while (count < token.length() && Character.isWhitespace(token.charAt(count))) {
            count++;
        }
        return count;
    }
}
