package dev.marcoforge.model.train;

import dev.marcoforge.model.ChatTokenizer;
import dev.marcoforge.model.ChatTokenizer.EncodedChat;
import dev.marcoforge.model.ChatTurn;
import java.util.List;

/**
 * A DPO pair as tokens: the same prompt, a chosen and a rejected answer, and how many answer tokens at the start
 * both share (the chains' common prefix), which the mask can take out of both log-probabilities.
 */
public record PreferenceExample(EncodedChat chosen, EncodedChat rejected, int answerStart, int sharedPrefixTokens) {

    public static PreferenceExample of(List<ChatTurn> prompt, String chosen, String rejected, String sharedPrefix) {
        String prefix = sharedPrefix == null ? "" : sharedPrefix;
        if (!chosen.startsWith(prefix) || !rejected.startsWith(prefix)) {
            throw new IllegalArgumentException("the shared prefix is not a prefix of both the chosen and the "
                    + "rejected answer");
        }
        ChatTokenizer tokenizer = ChatTokenizer.instance();
        EncodedChat chosenTokens = tokenizer.encodeAnswer(prompt, chosen);
        EncodedChat rejectedTokens = tokenizer.encodeAnswer(prompt, rejected);
        int answerStart = tokenizer.encodeChat(prompt, true).length();
        return new PreferenceExample(chosenTokens, rejectedTokens, answerStart, tokenizer.encode(prefix).length);
    }

    /**
     * Which next-token targets count in a sequence's log-probability: the answer's tokens, and with
     * {@code maskSharedPrefix} not the shared prefix's. Index t is the target at position t + 1.
     */
    public static float[] targetMask(EncodedChat sequence, int answerStart, int maskedTokens) {
        boolean[] trained = sequence.trained();
        float[] mask = new float[trained.length - 1];
        for (int t = 0; t < mask.length; t++) {
            int position = t + 1;
            boolean inPrefix = position >= answerStart && position < answerStart + maskedTokens;
            mask[t] = trained[position] && !inPrefix ? 1f : 0f;
        }
        return mask;
    }

    float[] chosenMask(boolean maskSharedPrefix) {
        return targetMask(chosen, answerStart, maskSharedPrefix ? sharedPrefixTokens : 0);
    }

    float[] rejectedMask(boolean maskSharedPrefix) {
        return targetMask(rejected, answerStart, maskSharedPrefix ? sharedPrefixTokens : 0);
    }

    int longest() {
        return Math.max(chosen.length(), rejected.length());
    }

    /** Whether both answers can be trained on with a context of {@code context} tokens. */
    public boolean fitsContext(int context) {
        return chosen.fitsContext(context) && rejected.fitsContext(context);
    }
}
