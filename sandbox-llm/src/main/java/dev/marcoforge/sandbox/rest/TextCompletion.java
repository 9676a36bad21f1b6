package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's legacy {@code text_completion} object; streamed chunks have the same shape. */
public record TextCompletion(String id, String object, long created, String model, List<Choice> choices,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {

    /** @param logprobs null unless the request set {@code logprobs}; in a stream, this chunk's tokens */
    public record Choice(int index, String text, TextLogprobs logprobs,
                         @JsonProperty("finish_reason") String finishReason) {
    }
}
