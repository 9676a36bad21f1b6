package dev.marcoforge.contracts;

/** Sampling parameters of a model call; null means the server's default. */
public record Sampling(Double temperature, Double topP, Integer maxTokens, Long seed) {

    public Sampling {
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("'temperature' must be within [0, 2], got " + temperature);
        }
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw new IllegalArgumentException("'topP' must be within (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("'maxTokens' must be positive, got " + maxTokens);
        }
    }
}
