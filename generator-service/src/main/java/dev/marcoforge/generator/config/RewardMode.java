package dev.marcoforge.generator.config;

import java.util.Arrays;
import java.util.Optional;

/** Where a rollout's reward comes from ({@code marco_forge.reward}). */
public enum RewardMode {

    /** Marco-o1 v2: the verifier's 0/1 verdict on the answer against the ground truth. */
    VERIFIER("verifier"),
    /**
     * Marco-o1 v1, for problems without ground truth: the chain's mean token confidence, each token's probability
     * normalised over the top 5 candidates. Needs servers that return logprobs.
     */
    CONFIDENCE("confidence");

    private final String key;

    RewardMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<RewardMode> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
