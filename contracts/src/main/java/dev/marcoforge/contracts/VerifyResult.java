package dev.marcoforge.contracts;

/**
 * The verdict on a {@link VerifyRequest}. {@code error} is set, and {@code verdict} is null, when the request could
 * not be judged at all (an unknown evaluator, a ground truth of the wrong shape).
 */
public record VerifyResult(int schemaVersion, String requestId, String jobId, String problemId, String nodeId,
        Verdict verdict, String error) {

    public static final int SCHEMA_VERSION = 1;

    public VerifyResult {
        Require.schema(schemaVersion, SCHEMA_VERSION, "VerifyResult");
        Require.text(requestId, "requestId");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        Require.text(nodeId, "nodeId");
        if ((verdict == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of 'verdict' and 'error' must be set");
        }
    }

    public static VerifyResult of(VerifyRequest request, Verdict verdict) {
        return new VerifyResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.nodeId(), verdict, null);
    }

    public static VerifyResult failed(VerifyRequest request, String error) {
        return new VerifyResult(SCHEMA_VERSION, request.requestId(), request.jobId(), request.problemId(),
                request.nodeId(), null, error);
    }
}
