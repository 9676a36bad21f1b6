package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.generator.config.RewardMode;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.persistence.ProblemRun;
import dev.marcoforge.generator.persistence.SearchNode;
import java.util.List;

/** Builds the published records from a tree, so the topics and the REST views always say the same. */
public final class ChainAssembler {

    private ChainAssembler() {
    }

    /**
     * The chain from the root's child down to an answer node; its verdict is null when nobody judged the answer, and
     * its confidence is the path's mean token confidence under the confidence reward (else null).
     */
    public static Chain chain(ProblemRun run, TreeState tree, SearchNode answer, SearchConfig config) {
        Double confidence = config.reward() == RewardMode.CONFIDENCE ? tree.confidenceOf(answer).mean() : null;
        List<SearchNode> path = tree.pathTo(answer);
        List<ChainStep> steps = path.subList(1, path.size()).stream()
                .map(n -> new ChainStep(n.id, n.action, n.text, n.modelRole)).toList();
        int length = steps.stream().mapToInt(s -> s.text().length()).sum();
        return new Chain(Chain.SCHEMA_VERSION, Chain.idFor(run.treeId, answer.id), run.jobId, run.problemId,
                run.treeId, run.question, config.basePrompt(), steps, answer.hasVerdict() ? verdictOf(answer) : null, length,
                confidence);
    }

    public static Verdict verdictOf(SearchNode answer) {
        String reason = answer.verdictReason == null || answer.verdictReason.isBlank() ? "no reason given"
                : answer.verdictReason;
        return new Verdict(Boolean.TRUE.equals(answer.verdictCorrect), answer.verdictExtracted, reason);
    }

    /** The outcome of a finished problem; {@code tree} is empty when the search never started. */
    public static SearchResult result(ProblemRun run, TreeState tree) {
        List<SearchNode> judged = tree.isEmpty() ? List.of() : tree.judgedAnswers();
        double totalReward = tree.isEmpty() ? 0 : tree.root().totalReward;
        // Like the reference's search result: the latest correct chain.
        String best = judged.stream().filter(n -> Boolean.TRUE.equals(n.verdictCorrect))
                .reduce((first, second) -> second).map(n -> Chain.idFor(run.treeId, n.id)).orElse(null);
        return new SearchResult(SearchResult.SCHEMA_VERSION, run.jobId, run.problemId, run.treeId,
                ProblemRun.SOLVED.equals(run.status), run.rollouts, totalReward, run.nodeCount, best, run.error);
    }
}
