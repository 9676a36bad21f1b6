package dev.marcoforge.critic.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of the Marco-o1 reference server's {@code POST /generate}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateRequest(
        @JsonProperty("user_question") String userQuestion,
        @JsonProperty("model_output") String modelOutput,
        @JsonProperty("end_tokens") List<String> endTokens,
        Integer n,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens) {
}
