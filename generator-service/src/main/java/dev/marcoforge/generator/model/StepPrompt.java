package dev.marcoforge.generator.model;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.Sampling;
import java.util.List;

/**
 * What a model is asked for one node: the user turn (base prompt and question) and the assistant text so far, which
 * ends in the node's open tag and prefill and is to be continued until one of {@code stop}.
 */
public record StepPrompt(String userMessage, String assistantPrefix, List<String> stop, int n, Sampling sampling) {

    public StepPrompt {
        stop = List.copyOf(stop);
    }

    /** The prompt as chat turns, the last one the assistant prefix to continue. */
    public List<ChatMessage> conversation() {
        return List.of(ChatMessage.user(userMessage), ChatMessage.assistant(assistantPrefix));
    }
}
