package dev.marcoforge.contracts;

import java.util.List;

/**
 * A chat completion to run on a served model. {@code deadlineEpochMillis} tells the inference service when the
 * caller stops waiting, so work past it can be dropped. With {@code prompt} set it is a raw-prompt (legacy
 * {@code /v1/completions}) request instead, and {@code messages} is empty.
 */
public record InferenceRequest(int schemaVersion, String requestId, String model, List<ChatMessage> messages,
        Sampling sampling, Integer n, List<String> stop, String user, boolean stream, long deadlineEpochMillis,
        String prompt) {

    public static final int SCHEMA_VERSION = 1;

    public InferenceRequest {
        Require.schema(schemaVersion, SCHEMA_VERSION, "InferenceRequest");
        Require.text(requestId, "requestId");
        Require.text(model, "model");
        if (prompt == null) {
            messages = List.copyOf(Require.nonEmpty(messages, "messages"));
        } else {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
        sampling = sampling == null ? new Sampling(null, null, null, null) : sampling;
        n = n == null ? 1 : n;
        if (n < 1) {
            throw new IllegalArgumentException("'n' must be at least 1, got " + n);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** A chat completion (no raw prompt); the form every producer used before {@code prompt} was added. */
    public InferenceRequest(int schemaVersion, String requestId, String model, List<ChatMessage> messages,
            Sampling sampling, Integer n, List<String> stop, String user, boolean stream, long deadlineEpochMillis) {
        this(schemaVersion, requestId, model, messages, sampling, n, stop, user, stream, deadlineEpochMillis, null);
    }

    public boolean rawPrompt() {
        return prompt != null;
    }
}
