package dev.marcoforge.generator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marcoforge.contracts.ChatMessage;
import java.util.List;

/**
 * An OpenAI chat completion that continues the last (assistant) message: vLLM's {@code continue_final_message} and
 * {@code add_generation_prompt} make the server extend the prefix instead of opening a new turn.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(String model, List<ChatMessage> messages, int n, List<String> stop,
        @JsonProperty("max_tokens") Integer maxTokens, Double temperature, @JsonProperty("top_p") Double topP,
        Long seed, @JsonProperty("continue_final_message") boolean continueFinalMessage,
        @JsonProperty("add_generation_prompt") boolean addGenerationPrompt, Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs) {
}
