package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validated request of the Marco-o1 reference's {@code /generate} protocol. Its defaults are the reference
 * server's: temperature 0.7, n 1; {@code end_tokens} is one string split at commas, as the reference does, or a
 * list. {@code use_tools} is accepted and ignored; {@code seed} and {@code model} are extensions.
 */
record GenerateCall(String userQuestion, String modelOutput, List<String> endTokens, int n, double temperature,
                    int maxTokens, Long seed, Optional<String> model) {

    private static final double REFERENCE_TEMPERATURE = 0.7;

    static GenerateCall read(ObjectMapper mapper, String body, int defaultMaxTokens) {
        JsonRequest json = JsonRequest.parse(mapper, body);
        return new GenerateCall(
                json.optionalString("user_question").orElse(""),
                json.optionalString("model_output").orElse(""),
                endTokens(json),
                json.optionalInt("n", 1, SamplingOptions.MAX_CHOICES).orElse(1),
                json.number("temperature", REFERENCE_TEMPERATURE, 0, 2),
                json.optionalInt("max_tokens", 1, 1_000_000).orElse(defaultMaxTokens),
                json.optionalLong("seed").orElse(null),
                json.optionalString("model"));
    }

    private static List<String> endTokens(JsonRequest json) {
        Optional<JsonNode> node = json.field("end_tokens");
        if (node.isPresent() && node.get().isTextual()) {
            List<String> tokens = new ArrayList<>();
            for (String token : node.get().asText().split(",")) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
            return tokens;
        }
        return json.stopSequences("end_tokens");
    }
}
