package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Token counts from the simulator's approximate tokenizer. */
public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                    @JsonProperty("completion_tokens") int completionTokens,
                    @JsonProperty("total_tokens") int totalTokens) {

    static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
