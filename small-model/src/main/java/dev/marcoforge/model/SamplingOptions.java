package dev.marcoforge.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How to sample: temperature (0 = greedy), nucleus {@code topP}, a seed (null: a fresh one per call), the most
 * new tokens, stop strings (the answer ends before the first one), and {@code n} answers per prompt.
 */
public record SamplingOptions(double temperature, double topP, Long seed, int maxTokens, List<String> stop, int n) {

    public SamplingOptions {
        List<String> faults = new ArrayList<>();
        if (!(temperature >= 0 && temperature <= 10)) {
            faults.add("temperature must be in 0..10, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            faults.add("top_p must be in (0, 1], got " + topP);
        }
        if (maxTokens < 1) {
            faults.add("max_tokens must be at least 1, got " + maxTokens);
        }
        if (n < 1 || n > 128) {
            faults.add("n must be in 1..128, got " + n);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.stream().anyMatch(String::isEmpty)) {
            faults.add("stop strings must not be empty");
        }
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", faults));
        }
    }

    public static SamplingOptions greedy(int maxTokens) {
        return new SamplingOptions(0, 1, 0L, maxTokens, List.of(), 1);
    }
}
