package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's legacy {@code text_completion} object, also the shape of each event of a streamed one. */
public record TextCompletion(String id, String object, long created, String model, List<Choice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) ChatCompletionResponse.Usage usage) {

    public static final String OBJECT = "text_completion";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(String text, int index, Object logprobs, @JsonProperty("finish_reason") String finishReason) {
    }
}
