package dev.marcoforge.inference.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marcoforge.contracts.ChatMessage;
import java.util.List;

/** The body of {@code POST /chat/completions}; null fields are left out so the upstream applies its defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        Integer n,
        List<String> stop,
        Long seed,
        String user,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions) {

    /** Asks a streaming upstream for a last chunk with the token usage. */
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }
}
