package dev.marcoforge.contracts;

/**
 * The outcome of one problem's search. {@code error} names what stopped the search (a model server that could not be
 * reached, say); the counts then tell how far it got.
 */
public record SearchResult(int schemaVersion, String jobId, String problemId, String treeId, boolean success,
        int rollouts, double totalReward, int nodeCount, String bestChainId, String error) {

    public static final int SCHEMA_VERSION = 1;

    public SearchResult {
        Require.schema(schemaVersion, SCHEMA_VERSION, "SearchResult");
        Require.text(jobId, "jobId");
        Require.text(problemId, "problemId");
        if (rollouts < 0 || nodeCount < 0) {
            throw new IllegalArgumentException("'rollouts' and 'nodeCount' must not be negative");
        }
    }
}
