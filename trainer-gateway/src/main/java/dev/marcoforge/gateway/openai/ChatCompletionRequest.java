package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.Sampling;
import java.util.List;

/**
 * A chat (or, with {@code prompt} set, a raw-prompt) completion request that passed validation, in the contracts'
 * terms. {@code reasoningParser} is the request's own choice of parser (null: the model's configured one).
 */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Sampling sampling, int n,
        List<String> stop, String user, boolean stream, boolean includeUsage, String reasoningParser,
        String prompt) {

    public ChatCompletionRequest(String model, List<ChatMessage> messages, Sampling sampling, int n,
            List<String> stop, String user, boolean stream) {
        this(model, messages, sampling, n, stop, user, stream, false, null, null);
    }

    public boolean rawPrompt() {
        return prompt != null;
    }
}
