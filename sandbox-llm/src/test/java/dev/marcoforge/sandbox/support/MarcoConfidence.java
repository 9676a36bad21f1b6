package dev.marcoforge.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Marco-o1 v1's confidence reward, computed from chat logprobs the way a search does: per generated token,
 * exp(logprob of the chosen token) over the sum of exp(logprob) of the five most likely tokens, averaged.
 */
public final class MarcoConfidence {

    private static final int WINDOW = 5;

    private MarcoConfidence() {
    }

    /** @param entry one element of {@code choices[].logprobs.content}, requested with top_logprobs >= 5 */
    public static double ofToken(JsonNode entry) {
        JsonNode top = entry.get("top_logprobs");
        double sum = 0;
        for (int i = 0; i < Math.min(WINDOW, top.size()); i++) {
            sum += Math.exp(top.get(i).get("logprob").asDouble());
        }
        return Math.exp(entry.get("logprob").asDouble()) / sum;
    }

    /** @param content {@code choices[i].logprobs.content} */
    public static double mean(JsonNode content) {
        double sum = 0;
        for (JsonNode entry : content) {
            sum += ofToken(entry);
        }
        return sum / content.size();
    }
}
