package dev.marcoforge.contracts;

import java.util.List;

/**
 * A chat completion to run on a served model. {@code deadlineEpochMillis} tells the inference service when the
 * caller stops waiting, so work past it can be dropped.
 */
public record InferenceRequest(int schemaVersion, String requestId, String model, List<ChatMessage> messages,
        Sampling sampling, Integer n, List<String> stop, String user, boolean stream, long deadlineEpochMillis) {

    public static final int SCHEMA_VERSION = 1;

    public InferenceRequest {
        Require.schema(schemaVersion, SCHEMA_VERSION, "InferenceRequest");
        Require.text(requestId, "requestId");
        Require.text(model, "model");
        messages = List.copyOf(Require.nonEmpty(messages, "messages"));
        sampling = sampling == null ? new Sampling(null, null, null, null) : sampling;
        n = n == null ? 1 : n;
        if (n < 1) {
            throw new IllegalArgumentException("'n' must be at least 1, got " + n);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
