package dev.marcoforge.critic.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marcoforge.contracts.ChatMessage;
import java.util.List;

/**
 * The body of {@code POST /chat/completions}. {@code continue_final_message} and {@code add_generation_prompt} are
 * vLLM's switches for continuing the last assistant message instead of opening a new turn. Null fields are left
 * out so the server applies its own defaults. {@code logprobs}/{@code top_logprobs} are sent only when the search
 * needs token confidences.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Integer n,
        List<String> stop,
        @JsonProperty("max_tokens") Integer maxTokens,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        Long seed,
        @JsonProperty("continue_final_message") Boolean continueFinalMessage,
        @JsonProperty("add_generation_prompt") Boolean addGenerationPrompt,
        Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs) {
}
