package dev.marcoforge.contracts;

import java.util.List;

/**
 * The critic model's output for a {@link CriticRequest}: {@code n} continuations (without the prefill), or an error
 * that names what went wrong (an unreachable model server, say). {@code unavailable} marks an error worth waiting
 * out (the model server unreachable, overloaded or too slow) rather than one that would recur (a refused request):
 * the search then sends the same request again later instead of failing. {@code confidences} holds one
 * {@link TokenConfidence} per text when the request asked for logprobs, and is null otherwise.
 */
public record CriticResult(int schemaVersion, String requestId, String jobId, String problemId, String parentNodeId,
        String action, List<String> texts, String model, String error, List<TokenConfidence> confidences,
        Boolean unavailable) {

    public static final int SCHEMA_VERSION = 1;

    public CriticResult {
        Require.schema(schemaVersion, SCHEMA_VERSION, "CriticResult");
        Require.text(requestId, "requestId");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        Require.text(parentNodeId, "parentNodeId");
        Require.text(action, "action");
        texts = texts == null ? List.of() : List.copyOf(texts);
        // Absent in messages of critic-services that predate it.
        unavailable = Boolean.TRUE.equals(unavailable);
        if (error == null && texts.isEmpty()) {
            throw new IllegalArgumentException("'texts' must not be empty when there is no 'error'");
        }
        if (confidences != null) {
            confidences = List.copyOf(confidences);
            if (confidences.size() != texts.size()) {
                throw new IllegalArgumentException("'confidences' must hold one entry per text: " + texts.size()
                        + " text(s), " + confidences.size() + " confidence(s)");
            }
        }
    }

    public CriticResult(int schemaVersion, String requestId, String jobId, String problemId, String parentNodeId,
            String action, List<String> texts, String model, String error) {
        this(schemaVersion, requestId, jobId, problemId, parentNodeId, action, texts, model, error, null, false);
    }

    public static CriticResult of(CriticRequest request, List<String> texts, String model,
            List<TokenConfidence> confidences) {
        return new CriticResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.parentNodeId(), request.action(), texts, model, null, confidences, false);
    }

    public static CriticResult of(CriticRequest request, List<String> texts, String model) {
        return new CriticResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.parentNodeId(), request.action(), texts, model, null);
    }

    public static CriticResult failed(CriticRequest request, String error) {
        return new CriticResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.parentNodeId(), request.action(), List.of(), null, error);
    }

    /** A failure to wait out: the critic's model server is unreachable, overloaded or too slow. */
    public static CriticResult unavailable(CriticRequest request, String error) {
        return new CriticResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.parentNodeId(), request.action(), List.of(), null, error, null, true);
    }
}
