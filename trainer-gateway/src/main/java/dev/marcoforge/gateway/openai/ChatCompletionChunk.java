package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's {@code chat.completion.chunk}: one server-sent event of a streamed chat completion. */
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) ChatCompletionResponse.Usage usage) {

    public static final String OBJECT = "chat.completion.chunk";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Delta delta, Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    /** Only the fields that changed: the role in the first chunk, then text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, @JsonProperty("reasoning_content") String reasoningContent) {
    }
}
