package dev.marcoforge.generator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The Marco-o1 reference's generate call: question, assistant text so far, where to stop. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateRequest(@JsonProperty("user_question") String userQuestion,
        @JsonProperty("model_output") String modelOutput, @JsonProperty("end_tokens") List<String> endTokens, int n,
        Double temperature, @JsonProperty("max_tokens") Integer maxTokens) {
}
