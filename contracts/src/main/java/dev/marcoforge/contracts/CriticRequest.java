package dev.marcoforge.contracts;

import java.util.List;

/**
 * A node to be written by the critic model: the conversation so far (the last message may be an assistant prefix
 * to continue), the action, the chosen prefill, where to stop, and how many samples. {@code endpoint} overrides the
 * critic-service's configured endpoint for this request (the Marco-o1 config's {@code url2}, or the endpoint of the
 * model role the config gives the action); null keeps it. {@code model} is the model name to send with that
 * endpoint (null: critic-service's configured name). {@code logprobs} asks for each text's {@link TokenConfidence}
 * (a search with the confidence reward needs them).
 */
public record CriticRequest(int schemaVersion, String requestId, String jobId, String problemId, String parentNodeId,
        String action, List<ChatMessage> conversation, String prefill, List<String> stop, int n, Sampling sampling,
        String endpoint, String model, Boolean logprobs) {

    public static final int SCHEMA_VERSION = 1;

    /** A request without logprobs, as producers that predate them send. */
    public CriticRequest(int schemaVersion, String requestId, String jobId, String problemId, String parentNodeId,
            String action, List<ChatMessage> conversation, String prefill, List<String> stop, int n,
            Sampling sampling, String endpoint) {
        this(schemaVersion, requestId, jobId, problemId, parentNodeId, action, conversation, prefill, stop, n,
                sampling, endpoint, null, false);
    }

    public CriticRequest {
        Require.schema(schemaVersion, SCHEMA_VERSION, "CriticRequest");
        // Absent in messages of generators that predate it.
        logprobs = Boolean.TRUE.equals(logprobs);
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
