package dev.marcoforge.contracts;

/**
 * The caller of an {@link InferenceRequest} went away (a client closed its connection): the inference service stops
 * the request if it is running and drops it if it has not started, instead of spending a model on an answer nobody
 * reads.
 */
public record InferenceCancel(int schemaVersion, String requestId, String reason) {

    public static final int SCHEMA_VERSION = 1;

    public InferenceCancel {
        Require.schema(schemaVersion, SCHEMA_VERSION, "InferenceCancel");
        Require.text(requestId, "requestId");
        reason = reason == null ? "" : reason;
    }
}
