package dev.marcoforge.contracts;

import java.util.List;

/**
 * A finished root-to-answer path of a search tree. {@code chainId} is stable: it derives from the tree and the
 * answer node, so a replayed chain has the same id. {@code length} counts the characters of the steps' text.
 * {@code verdict} is null only for a chain of a search with the confidence reward on a problem without a ground
 * truth: nobody judged it, so data sets leave it out. {@code confidence} is the chain's mean token confidence when
 * the search used the confidence reward, null otherwise.
 */
public record Chain(int schemaVersion, String chainId, String jobId, String problemId, String treeId,
        String question, String basePrompt, List<ChainStep> steps, Verdict verdict, int length, Double confidence) {

    public static final int SCHEMA_VERSION = 1;

    public Chain {
        Require.schema(schemaVersion, SCHEMA_VERSION, "Chain");
        Require.text(chainId, "chainId");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        Require.text(treeId, "treeId");
        Require.text(question, "question");
        basePrompt = basePrompt == null ? "" : basePrompt;
        steps = List.copyOf(Require.nonEmpty(steps, "steps"));
    }

    public Chain(int schemaVersion, String chainId, String jobId, String problemId, String treeId, String question,
            String basePrompt, List<ChainStep> steps, Verdict verdict, int length) {
        this(schemaVersion, chainId, jobId, problemId, treeId, question, basePrompt, steps, verdict, length, null);
        Require.present(verdict, "verdict");
    }

    /** Whether the verifier judged the chain; data sets are built from judged chains only. */
    public boolean judged() {
        return verdict != null;
    }

    /** The ids of the chain's nodes, root side first. */
    public List<String> nodeIds() {
        return steps.stream().map(ChainStep::nodeId).toList();
    }

    /** The assistant text of the chain: the steps' texts in order. */
    public String text() {
        return steps.stream().map(ChainStep::text).reduce("", String::concat);
    }

    /** The chain id derived from the tree and the answer node. */
    public static String idFor(String treeId, String answerNodeId) {
        return java.util.UUID.nameUUIDFromBytes((treeId + "/" + answerNodeId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
