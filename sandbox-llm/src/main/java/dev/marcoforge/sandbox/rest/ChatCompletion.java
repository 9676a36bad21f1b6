package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's {@code chat.completion} object. */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             Usage usage) {

    /** @param logprobs null unless the request set {@code logprobs: true} */
    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason,
                         ChatLogprobs logprobs) {
    }

    public record Message(String role, String content) {
    }
}
