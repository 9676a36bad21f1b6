package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's {@code chat.completion.chunk}: one server-sent event of a streamed chat completion. */
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {

    /**
     * {@code finish_reason} stays present as null until the last chunk of a choice, as OpenAI sends it;
     * {@code logprobs} covers the tokens of this chunk's content, null without logprobs and outside content chunks.
     */
    public record Choice(int index, Delta delta, ChatLogprobs logprobs,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /** Only the fields that change: the role once at the start, then content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }
}
