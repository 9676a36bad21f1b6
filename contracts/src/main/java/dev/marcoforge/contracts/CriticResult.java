package dev.marcoforge.contracts;

import java.util.List;

/**
 * The critic model's output for a {@link CriticRequest}: {@code n} continuations (without the prefill), or an error
 * that names what went wrong (an unreachable model server, say).
 */
public record CriticResult(int schemaVersion, String requestId, String jobId, String problemId, String parentNodeId,
        String action, List<String> texts, String model, String error) {

    public static final int SCHEMA_VERSION = 1;

    public CriticResult {
        Require.schema(schemaVersion, SCHEMA_VERSION, "CriticResult");
        Require.text(requestId, "requestId");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        Require.text(parentNodeId, "parentNodeId");
        Require.text(action, "action");
        texts = texts == null ? List.of() : List.copyOf(texts);
        if (error == null && texts.isEmpty()) {
            throw new IllegalArgumentException("'texts' must not be empty when there is no 'error'");
        }
    }

    public static CriticResult of(CriticRequest request, List<String> texts, String model) {
        return new CriticResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.parentNodeId(), request.action(), texts, model, null);
    }

    public static CriticResult failed(CriticRequest request, String error) {
        return new CriticResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.parentNodeId(), request.action(), List.of(), null, error);
    }
}
