package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's {@code chat.completion} object. */
public record ChatCompletionResponse(String id, String object, long created, String model, List<Choice> choices,
        Usage usage) {

    public static final String OBJECT = "chat.completion";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason,
            Object logprobs) {
    }

    public record Message(String role, String content) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }
}
