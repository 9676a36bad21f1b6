package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ModelRole;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.model.Completion;
import dev.marcoforge.generator.persistence.SearchNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** One problem's search held in memory: the engine as the store runs it, without a database. */
final class InMemorySearch {

    final SearchConfig config;
    final TreeState tree;
    final SearchState state = new SearchState();
    final List<Mcts.Write> writes = new ArrayList<>();
    final List<SearchNode> verified = new ArrayList<>();
    /** Answers that ended rollouts unjudged (confidence reward without ground truth), as the engine reported them. */
    final List<SearchNode> ended = new ArrayList<>();
    private final Set<String> origins = new HashSet<>();
    private final long seed;
    private final boolean verifiable;
    private int nodeCount;

    InMemorySearch(SearchConfig config, long seed) {
        this(config, seed, true);
    }

    InMemorySearch(SearchConfig config, long seed, boolean verifiable) {
        this.config = config;
        this.seed = seed;
        this.verifiable = verifiable;
        SearchNode root = node(null, SearchConfig.BASE_ACTION, "", ModelRole.USER, null);
        this.tree = TreeState.of(List.of(root));
    }

    Mcts mcts() {
        return new Mcts(config, "How many r in strawberry?", tree, state,
                (parent, action, text, role, tag, origin, confidence) -> {
                    if (!origins.add(origin)) {
                        throw new IllegalStateException("origin " + origin + " added twice");
                    }
                    SearchNode node = node(parent, action, text, role, tag);
                    node.confidenceSum = confidence.sum();
                    node.confidenceTokens = confidence.tokens();
                    return node;
                }, seed, 64, verifiable);
    }

    /** Like {@link #run}, with a model that reports token confidences. */
    String runWithConfidence(Function<Mcts.Write, List<Completion>> model, Predicate<SearchNode> verdict) {
        for (int steps = 0; steps < 100_000; steps++) {
            Mcts mcts = mcts();
            Mcts.Decision decision = mcts.next();
            ended.addAll(mcts.unjudgedEnds());
            if (decision instanceof Mcts.Write write) {
                writes.add(write);
                mcts().writtenWith(write.seq(), write.group(), model.apply(write), write.role());
            } else if (decision instanceof Mcts.Verify verify) {
                judge(verify.answer(), verdict.test(verify.answer()));
            } else if (decision instanceof Mcts.Stop stop) {
                return stop.status();
            } else {
                return "FAULT " + ((Mcts.Fault) decision).error();
            }
        }
        throw new AssertionError("the search did not end");
    }

    /** Runs to the end: the model writes with {@code model}, answers are judged with {@code verdict}. */
    String run(Function<Mcts.Write, List<String>> model, Predicate<SearchNode> verdict) {
        return runWithConfidence(write -> model.apply(write).stream().map(Completion::of).toList(), verdict);
    }

    void judge(SearchNode answer, boolean correct) {
        verified.add(answer);
        answer.verdictCorrect = correct;
        answer.verdictReason = "test";
        mcts().rewarded(answer);
    }

    /** n distinct outputs that depend on the prompt, like a seeded model's. */
    static List<String> echo(Mcts.Write write) {
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < write.n(); i++) {
            outputs.add(" out" + i + "#" + Integer.toHexString(write.prompt().assistantPrefix().hashCode()));
        }
        return outputs;
    }

    List<SearchNode> nodes(String action) {
        return tree.nodes().stream().filter(n -> action.equals(n.action)).toList();
    }

    private SearchNode node(SearchNode parent, String action, String text, String role, String tag) {
        SearchNode node = new SearchNode();
        node.id = "n" + nodeCount;
        node.ordinal = nodeCount++;
        node.problemRunId = "run";
        node.treeId = "tree";
        node.parentId = parent == null ? null : parent.id;
        node.depth = parent == null ? 0 : parent.depth + 1;
        node.action = action;
        node.text = text;
        node.modelRole = role;
        node.tag = tag;
        return node;
    }
}
