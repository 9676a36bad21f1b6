package dev.marcoforge.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.TokenConfidence;

/**
 * Marco-o1 v1's confidence reward over chat logprobs, exactly as a search computes it ({@link TokenConfidence}):
 * per generated token, its probability over the summed probabilities of the five most likely tokens, averaged.
 */
public final class MarcoConfidence {

    private MarcoConfidence() {
    }

    /** @param entry one element of {@code choices[].logprobs.content}, requested with top_logprobs >= 5 */
    public static double ofToken(JsonNode entry) {
        return TokenConfidence.ofToken(entry, TokenConfidence.CANDIDATES);
    }

    /** @param content {@code choices[i].logprobs.content}, or a run of its entries */
    public static double mean(JsonNode content) {
        double sum = 0;
        for (JsonNode entry : content) {
            sum += ofToken(entry);
        }
        return sum / content.size();
    }
}
