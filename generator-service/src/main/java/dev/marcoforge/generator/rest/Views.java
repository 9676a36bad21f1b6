package dev.marcoforge.generator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the jobs API. */
public final class Views {

    private Views() {
    }

    public record JobAccepted(String jobId, int problems, String status) {
    }

    public record Errors(List<String> errors) {
    }

    /** {@code status} is RUNNING, PAUSED (a model server is down; {@code pausedReason} names it) or COMPLETED. */
    public record JobSummary(String jobId, String name, String status, Instant createdAt, int total, int pending,
            int running, int solved, int unsolved, int errored, String pausedReason) {
    }

    /** {@code completedAt} is when the last problem finished (null while the job runs). */
    public record JobStatus(String jobId, String name, String status, Instant createdAt, Instant completedAt,
            int total, int pending, int running, int solved, int unsolved, int errored, String pausedReason,
            List<ProblemStatus> problems) {
    }

    public record ProblemStatus(String problemId, String status, String error, String treeId, int nodeCount) {
    }

    public record Tree(String treeId, String jobId, String problemId, String question, JsonNode groundTruth,
            Node root) {
    }

    public record Node(String nodeId, String action, String text, String modelRole, String tag, int depth,
            int visits, double totalReward, VerdictView verdict, List<Node> children) {
    }

    public record VerdictView(boolean correct, String extractedAnswer, String reason) {
    }
}
