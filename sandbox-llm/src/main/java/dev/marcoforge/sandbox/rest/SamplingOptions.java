package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The sampling fields shared by both OpenAI endpoints. {@code top_p} is validated but has no effect: only the
 * temperature shapes the simulated mistakes.
 *
 * @param seed null when the request gave none
 */
record SamplingOptions(double temperature, int n, int maxTokens, List<String> stops, Long seed, boolean stream,
                       boolean includeUsage) {

    static final int MAX_CHOICES = 16;
    /** OpenAI's default temperature; it applies the configured error rates in full. */
    static final double OPENAI_DEFAULT_TEMPERATURE = 1.0;
    private static final int MAX_TOKEN_BUDGET = 1_000_000;

    static SamplingOptions read(JsonRequest json, int defaultMaxTokens) {
        double temperature = json.number("temperature", OPENAI_DEFAULT_TEMPERATURE, 0, 2);
        json.number("top_p", 1, 0, 1);
        int n = json.optionalInt("n", 1, MAX_CHOICES).orElse(1);
        Optional<Integer> maxTokens = json.optionalInt("max_tokens", 1, MAX_TOKEN_BUDGET);
        // The newer name wins, as in OpenAI's API, where max_tokens is its deprecated alias.
        Optional<Integer> maxCompletionTokens = json.optionalInt("max_completion_tokens", 1, MAX_TOKEN_BUDGET);
        List<String> stops = json.stopSequences("stop");
        Long seed = json.optionalLong("seed").orElse(null);
        boolean stream = json.bool("stream", false);
        boolean includeUsage = includeUsage(json);
        // vLLM's continuation switches: accepted for compatibility; continuation follows from the last message.
        json.bool("continue_final_message", false);
        json.bool("add_generation_prompt", true);
        return new SamplingOptions(temperature, n, maxCompletionTokens.or(() -> maxTokens).orElse(defaultMaxTokens),
                stops, seed, stream, includeUsage);
    }

    private static boolean includeUsage(JsonRequest json) {
        Optional<JsonNode> options = json.field("stream_options");
        if (options.isEmpty()) {
            return false;
        }
        if (!options.get().isObject()) {
            throw new InvalidRequestException("stream_options", "Invalid type for 'stream_options': expected an object.",
                    "invalid_type");
        }
        JsonNode includeUsage = options.get().get("include_usage");
        return includeUsage != null && !includeUsage.isNull()
                && JsonRequest.bool(includeUsage, "stream_options.include_usage");
    }
}
