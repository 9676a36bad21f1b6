package dev.marcoforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/** An answer node's text to check against the problem's ground truth with the named evaluator. */
public record VerifyRequest(int schemaVersion, String requestId, String jobId, String problemId, String nodeId,
        String answerText, String evaluator, JsonNode groundTruth) {

    public static final int SCHEMA_VERSION = 1;

    public VerifyRequest {
        Require.schema(schemaVersion, SCHEMA_VERSION, "VerifyRequest");
        Require.text(requestId, "requestId");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        Require.text(nodeId, "nodeId");
        Require.present(answerText, "answerText");
        Require.text(evaluator, "evaluator");
        Require.present(groundTruth, "groundTruth");
    }
}
