package dev.marcoforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How sure a model was of a text it wrote, for the confidence reward of Marco-o1 v1: {@code sum} adds, over the
 * text's generated tokens, the chosen token's probability divided by the summed probabilities of the top 5
 * candidates at that position; {@code tokens} counts them. Kept as a sum, not a mean, so the nodes of a chain add up
 * to the chain's mean with each token weighted once.
 */
public record TokenConfidence(double sum, int tokens) {

    public static final TokenConfidence NONE = new TokenConfidence(0, 0);
    /** The candidates a token's probability is normalised over (Marco-o1 v1 uses the top 5). */
    public static final int CANDIDATES = 5;

    public TokenConfidence {
        if (tokens < 0 || sum < 0 || sum > tokens + 1e-9 || Double.isNaN(sum)) {
            throw new IllegalArgumentException("a token confidence needs 0 <= sum <= tokens, got sum " + sum
                    + " over " + tokens + " token(s)");
        }
    }

    /** The mean confidence per token; 0 when there were no tokens. */
    public double mean() {
        return tokens == 0 ? 0 : sum / tokens;
    }

    public TokenConfidence plus(TokenConfidence other) {
        return new TokenConfidence(sum + other.sum, tokens + other.tokens);
    }

    /**
     * Reads an OpenAI chat choice's {@code logprobs} ({@code content[]} with {@code logprob} and {@code top_logprobs})
     * into a confidence: per generated token, the chosen token's probability divided by the summed probabilities of
     * the top {@code k} candidates. Both the generator and critic-service read their servers' answers with it, so a
     * node's confidence means the same whoever wrote it. A chosen token missing from the listed candidates still
     * counts in the denominator, so a score never exceeds 1.
     *
     * @throws IllegalArgumentException naming what is missing when {@code logprobs} is not the OpenAI shape
     */
    public static TokenConfidence ofLogprobs(JsonNode logprobs, int k) {
        JsonNode content = logprobs == null ? null : logprobs.get("content");
        if (content == null || !content.isArray()) {
            throw new IllegalArgumentException("no 'logprobs.content' list");
        }
        double sum = 0;
        int tokens = 0;
        for (JsonNode token : content) {
            sum += ofToken(token, k);
            tokens++;
        }
        return new TokenConfidence(sum, tokens);
    }

    /**
     * One generated token's confidence: its probability over the summed probabilities of the top {@code k}
     * candidates of a {@code logprobs.content} entry.
     *
     * @throws IllegalArgumentException when the entry has no numeric {@code logprob}
     */
    public static double ofToken(JsonNode token, int k) {
        JsonNode chosen = token.get("logprob");
        if (chosen == null || !chosen.isNumber()) {
            throw new IllegalArgumentException("a token without a numeric 'logprob'");
        }
        double chosenProbability = Math.exp(chosen.doubleValue());
        double candidates = 0;
        boolean chosenListed = false;
        int seen = 0;
        String chosenToken = token.path("token").asText(null);
        for (JsonNode top : token.path("top_logprobs")) {
            if (seen == k) {
                break;
            }
            if (!top.path("logprob").isNumber()) {
                throw new IllegalArgumentException("a top_logprobs entry without a numeric 'logprob'");
            }
            candidates += Math.exp(top.get("logprob").doubleValue());
            chosenListed |= chosenToken != null && chosenToken.equals(top.path("token").asText(null));
            seen++;
        }
        if (!chosenListed) {
            candidates += chosenProbability;
        }
        return candidates <= 0 ? 0 : Math.min(1.0, chosenProbability / candidates);
    }
}
