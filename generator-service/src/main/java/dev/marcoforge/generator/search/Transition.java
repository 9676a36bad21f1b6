package dev.marcoforge.generator.search;

import java.util.List;

/**
 * The outcome of one committed step: messages to publish, and whether the search of {@code runId} goes on right
 * away (false when it now waits for another service, has finished, or the input was a duplicate).
 */
public record Transition(String runId, boolean proceed, List<OutboundMessage> messages) implements Step {

    public Transition {
        messages = List.copyOf(messages);
    }

    /** Nothing to do: a duplicate or late message, or a problem that is not searching. */
    public static Transition dropped() {
        return new Transition(null, false, List.of());
    }

    public static Transition proceed(String runId) {
        return new Transition(runId, true, List.of());
    }

    public static Transition emit(List<OutboundMessage> messages) {
        return new Transition(null, false, messages);
    }
}
