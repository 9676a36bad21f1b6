package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated {@code POST /v1/completions} request; a list of prompts gives n choices per prompt.
 *
 * @param logprobs null unless the request set {@code logprobs}; then how many most likely tokens to list (0-5)
 */
record TextCompletionCall(String model, List<String> prompts, boolean echo, SamplingOptions sampling,
                          Integer logprobs) {

    static TextCompletionCall read(ObjectMapper mapper, String body, int defaultMaxTokens, String defaultModel) {
        JsonRequest json = JsonRequest.parse(mapper, body);
        String model = json.optionalString("model").orElse(defaultModel);
        List<String> prompts = prompts(json.required("prompt"));
        boolean echo = json.bool("echo", false);
        SamplingOptions sampling = SamplingOptions.read(json, defaultMaxTokens);
        return new TextCompletionCall(model, prompts, echo, sampling, LogprobFields.legacy(json, echo));
    }

    private static List<String> prompts(JsonNode node) {
        List<String> prompts = new ArrayList<>();
        if (node.isTextual()) {
            prompts.add(node.asText());
            return prompts;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("prompt", "Invalid 'prompt': expected a string or a non-empty array of"
                    + " strings.", "invalid_type");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new InvalidRequestException("prompt", "Invalid 'prompt': token-id prompts are not supported by"
                        + " the simulator; send text.", "invalid_type");
            }
            prompts.add(node.get(i).asText());
        }
        return prompts;
    }
}
