package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.Sampling;
import java.util.List;

/** A chat completion request that passed validation, in the contracts' terms. */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Sampling sampling, int n,
        List<String> stop, String user, boolean stream) {
}
