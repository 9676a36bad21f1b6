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

    /** {@code reasoning_content} is left out when no reasoning parser split the text. */
    public record Message(String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("reasoning_content") String reasoningContent) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }
}
