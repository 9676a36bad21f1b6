package dev.marcoforge.inference.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of the legacy {@code POST /completions} (a raw prompt, no chat template); nulls are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionRequest(
        String model,
        String prompt,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        Integer n,
        List<String> stop,
        Long seed,
        String user,
        Boolean stream,
        @JsonProperty("stream_options") ChatCompletionRequest.StreamOptions streamOptions) {
}
