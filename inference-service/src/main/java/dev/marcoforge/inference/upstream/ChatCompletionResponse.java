package dev.marcoforge.inference.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An upstream chat completion, or one chunk of a stream: a whole answer carries {@code message} in its choices, a
 * chunk carries {@code delta}; a text completion (or its chunk) carries {@code text}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionResponse(String id, String model, List<Choice> choices, Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Integer index, Message message, Message delta,
            @JsonProperty("finish_reason") String finishReason, String text) {

        public Choice(Integer index, Message message, Message delta, String finishReason) {
            this(index, message, delta, finishReason, null);
        }

        /** The text of a chat message, a chat delta or a text completion (choice or chunk), whichever is here. */
        public String textOrContent(boolean chunk) {
            Message holder = chunk ? delta : message;
            if (holder != null && holder.content() != null) {
                return holder.content();
            }
            return text;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("total_tokens") Integer totalTokens) {
    }
}
