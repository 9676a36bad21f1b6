package dev.marcoforge.contracts;

import java.util.List;

/**
 * A node to be written by the critic model: the conversation so far (the last message may be an assistant prefix
 * to continue), the action, the chosen prefill, where to stop, and how many samples. {@code endpoint} overrides the
 * critic-service's configured endpoint for this request (the Marco-o1 config's {@code url2}); null keeps it.
 */
public record CriticRequest(int schemaVersion, String requestId, String jobId, String problemId, String parentNodeId,
        String action, List<ChatMessage> conversation, String prefill, List<String> stop, int n, Sampling sampling,
        String endpoint) {

    public static final int SCHEMA_VERSION = 1;

    public CriticRequest {
        Require.schema(schemaVersion, SCHEMA_VERSION, "CriticRequest");
        Require.text(requestId, "requestId");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        Require.text(parentNodeId, "parentNodeId");
        Require.text(action, "action");
        conversation = List.copyOf(Require.nonEmpty(conversation, "conversation"));
        prefill = prefill == null ? "" : prefill;
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (n < 1) {
            throw new IllegalArgumentException("'n' must be at least 1, got " + n);
        }
        sampling = sampling == null ? new Sampling(null, null, null, null) : sampling;
    }
}
