package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ActionSpec;
import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.config.RewardMode;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.model.Completion;
import dev.marcoforge.generator.model.StepPrompt;
import dev.marcoforge.generator.persistence.SearchNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Marco-o1 v2 search of one problem, one decision at a time, over a loaded tree and its {@link SearchState}.
 * It never waits: when the search needs a model or the verifier it says so ({@link Write}, {@link Verify}) and the
 * caller brings the answer back ({@link #written}, {@link #rewarded}). Nodes are created through {@link Nodes}, so
 * the store persists them and tests keep them in memory.
 *
 * <p>The rules follow the reference's {@code MCTS_Engine}: a rollout descends from the root; a node not yet expanded
 * is expanded (for each action of its {@code next_step}, n children from one request; a prefill that closes its tag
 * is the node's whole text, no request); a fully expanded node goes to its UCT-best child; an {@code answer} node ends
 * the rollout with its verdict as reward, backed up to the root. After a 0 reward, each {@code use_for_wrong_answer}
 * entry expands the nearest ancestor with that action with the given actions. The stop rules are {@link StopRule}'s.
 *
 * <p>With the confidence reward ({@code marco_forge.reward: "confidence"}, Marco-o1 v1) a rollout's reward is the
 * mean token confidence of the model-written nodes on its path; the answer is still verified when the problem has a
 * ground truth (the verdict labels the chain and drives the wrong-answer expansions), and is not when it has none.
 */
public final class Mcts {

    /** Creates and stores a node; {@code origin} is unique per node, so a replayed step cannot add it twice. */
    public interface Nodes {
        SearchNode add(SearchNode parent, String action, String text, String role, String tag, String origin,
                TokenConfidence confidence);
    }

    public sealed interface Decision permits Write, Verify, Stop, Fault {
    }

    /**
     * n children of {@code parent} with {@code action} are to be written by the model of {@code role};
     * {@code critic} says critic-service writes them (a {@code special_model} action), else the generator calls the
     * model itself.
     */
    public record Write(SearchNode parent, String action, ActionTag tag, String prefill, int n, StepPrompt prompt,
            boolean critic, int seq, int group, String role) implements Decision {
    }

    /** The rollout reached an answer that has no verdict yet. */
    public record Verify(SearchNode answer) implements Decision {
    }

    /** The search is over with {@code status}. */
    public record Stop(String status) implements Decision {
    }

    /** The search cannot go on. */
    public record Fault(String error) implements Decision {
    }

    private final SearchConfig config;
    private final String question;
    private final TreeState tree;
    private final SearchState state;
    private final Nodes nodes;
    private final long runSeed;
    private final int maxDepth;
    private final boolean verifiable;
    private final List<SearchNode> unjudgedEnds = new ArrayList<>();

    public Mcts(SearchConfig config, String question, TreeState tree, SearchState state, Nodes nodes, long runSeed,
            int maxDepth) {
        this(config, question, tree, state, nodes, runSeed, maxDepth, true);
    }

    /** @param verifiable whether answers go to the verifier (false only with the confidence reward and no truth) */
    public Mcts(SearchConfig config, String question, TreeState tree, SearchState state, Nodes nodes, long runSeed,
            int maxDepth, boolean verifiable) {
        if (!verifiable && config.reward() != RewardMode.CONFIDENCE) {
            throw new IllegalArgumentException("only a search with the confidence reward can do without a verifier");
        }
        this.verifiable = verifiable;
        this.config = config;
        this.question = question;
        this.tree = tree;
        this.state = state;
        this.nodes = nodes;
        this.runSeed = runSeed;
        this.maxDepth = maxDepth;
    }

    /** Takes every step that needs nobody else, and returns the first that does (or the end). */
    public Decision next() {
        while (true) {
            if (!state.pending.isEmpty()) {
                Write write = planWrite(state.pending.get(0));
                if (write != null) {
                    return write;
                }
                continue;
            }
            if (state.stopOutcome != null) {
                return new Stop(state.stopOutcome);
            }
            Decision decision = descend();
            if (decision != null) {
                return decision;
            }
        }
    }

    /**
     * Adds the children a model wrote for {@code write}; false (and nothing changes) when that group is no longer
     * the one the search waits for, e.g. a duplicate after a restart.
     */
    public boolean written(int seq, int group, List<String> outputs, String role) {
        return writtenWith(seq, group, outputs.stream().map(Completion::of).toList(), role);
    }

    /** {@link #written} with each output's token confidence. */
    public boolean writtenWith(int seq, int group, List<Completion> outputs, String role) {
        if (state.pending.isEmpty() || outputs.isEmpty()) {
            return false;
        }
        Expansion head = state.pending.get(0);
        if (head.seq() != seq || head.done() != group) {
            return false;
        }
        Expansion.ActionCount count = head.current();
        ActionTag tag = config.tagOf(count.action());
        String prefill = prefillOf(head);
        List<Completion> texts = new ArrayList<>();
        for (int i = 0; i < count.n(); i++) {
            Completion output = outputs.get(i % outputs.size());
            texts.add(new Completion(NodeText.compose(config.stepMode(), tag, prefill, output.text()),
                    output.confidence()));
        }
        addChildren(head, texts, role);
        return true;
    }

    /** The sequence number and group of the write the search waits for, or null. */
    public int[] awaitedWrite() {
        if (state.pending.isEmpty()) {
            return null;
        }
        Expansion head = state.pending.get(0);
        return new int[] { head.seq(), head.done() };
    }

    /** Ends the rollout at {@code answer}, whose verdict has just been stored. */
    public void rewarded(SearchNode answer) {
        endRollout(answer);
    }

    private Write planWrite(Expansion head) {
        SearchNode parent = tree.node(head.nodeId());
        Expansion.ActionCount count = head.current();
        ActionSpec spec = config.action(count.action()).orElseThrow();
        ActionTag tag = config.tagOf(count.action());
        String prefill = prefillOf(head);
        if (NodeText.isFixed(config.stepMode(), tag, prefill)) {
            addChildren(head, java.util.Collections.nCopies(count.n(), Completion.of(NodeText.fixed(tag, prefill))),
                    config.roleOf(count.action()));
            return null;
        }
        List<PathStep> path = tree.pathTo(parent).stream()
                .map(n -> new PathStep(n.action, n.text, config.showsInHistory(n.action))).toList();
        StepPrompt prompt = PromptBuilder.prompt(config, question, path, count.action(), prefill, count.n());
        return new Write(parent, count.action(), tag, prefill, count.n(), prompt, spec.specialModel(), head.seq(),
                head.done(), config.roleOf(count.action()));
    }

    /** The prefill of the head's current group: one random pick per request, like the reference's. */
    private String prefillOf(Expansion head) {
        List<String> prefills = config.action(head.current().action()).orElseThrow().prefillText();
        if (prefills.isEmpty()) {
            return "";
        }
        int index = SearchRandom.draw(runSeed, "prefill", ((long) head.seq() << 16) + head.done(), prefills.size());
        return prefills.get(index);
    }

    private void addChildren(Expansion head, List<Completion> texts, String role) {
        SearchNode parent = tree.node(head.nodeId());
        Expansion.ActionCount count = head.current();
        String tag = config.tagOf(count.action()).open();
        for (int i = 0; i < texts.size(); i++) {
            String origin = "x:" + parent.problemRunId + ":" + head.seq() + ":" + head.done() + ":" + i;
            Completion text = texts.get(i);
            tree.add(nodes.add(parent, count.action(), text.text(), role, tag, origin, text.confidence()));
        }
        Expansion next = head.advanced();
        if (next.complete()) {
            state.pending.remove(0);
            if (head.initial()) {
                parent.fullyExpanded = true;
            }
        } else {
            state.pending.set(0, next);
        }
    }

    /** Goes down from where the rollout stands until something must be written, verified, or the rollout ends. */
    private Decision descend() {
        SearchNode node = state.cursorNodeId == null ? tree.root() : tree.node(state.cursorNodeId);
        while (true) {
            if (node.depth > maxDepth) {
                return new Fault("a rollout went deeper than " + maxDepth + " nodes without reaching 'answer'");
            }
            if (isTerminal(node)) {
                state.cursorNodeId = node.id;
                if (!node.hasVerdict() && verifiable) {
                    return new Verify(node);
                }
                if (!verifiable && node.visits == 0) {
                    unjudgedEnds.add(node);
                }
                // An answer seen before keeps its verdict: the reward is known without asking again.
                endRollout(node);
                return null;
            }
            if (!node.fullyExpanded) {
                Map<String, Integer> next = config.action(node.action).map(ActionSpec::nextStep).orElse(Map.of());
                if (next.isEmpty()) {
                    return new Fault("action '" + node.action + "' has no next_step, so the rollout cannot go on");
                }
                state.cursorNodeId = node.id;
                state.pending.add(Expansion.of(node.id, state.expansionSeq++, next, true));
                return null;
            }
            List<SearchNode> children = tree.childrenOf(node.id);
            if (children.isEmpty()) {
                return new Fault("node " + (node.ordinal + 1) + " ('" + node.action + "') has no children to select");
            }
            node = Uct.select(children, node.visits, config.forge().explorationConstant(),
                    bound -> SearchRandom.draw(runSeed, "uct", state.randomDraws++, bound));
        }
    }

    /**
     * The answers that ended a rollout for the first time without a verdict since this engine was made (confidence
     * reward, no ground truth): their chains are new.
     */
    public List<SearchNode> unjudgedEnds() {
        return List.copyOf(unjudgedEnds);
    }

    /** A rollout's reward: the verdict, or the mean token confidence along the path. */
    double rewardOf(SearchNode answer) {
        if (config.reward() == RewardMode.CONFIDENCE) {
            return tree.confidenceOf(answer).mean();
        }
        return Boolean.TRUE.equals(answer.verdictCorrect) ? 1.0 : 0.0;
    }


    private void endRollout(SearchNode answer) {
        double reward = rewardOf(answer);
        for (SearchNode node : tree.pathTo(answer)) {
            node.visits += 1;
            node.totalReward += reward;
        }
        // A wrong verdict backtracks in either reward mode; a confidence alone never says the answer is wrong.
        if (Boolean.FALSE.equals(answer.verdictCorrect)) {
            config.useForWrongAnswer().forEach((action, expand) -> {
                SearchNode target = nearestAncestor(answer, action);
                if (target != null) {
                    state.pending.add(Expansion.of(target.id, state.expansionSeq++, expand, false));
                }
            });
        }
        int rolloutIndex = state.rollouts;
        state.rollouts += 1;
        state.cursorNodeId = null;
        StopRule.after(rolloutIndex, tree.root().totalReward, config.maxRolloutTime(), config.minRewardThreshold(),
                config.maxRewardThreshold()).ifPresent(status -> state.stopOutcome = status);
    }

    /** The reference's find_parent_by_action: the closest proper ancestor with that action, never the root. */
    SearchNode nearestAncestor(SearchNode node, String action) {
        SearchNode current = node.parentId == null ? null : tree.node(node.parentId);
        while (current != null && current.parentId != null) {
            if (action.equals(current.action)) {
                return current;
            }
            current = tree.node(current.parentId);
        }
        return null;
    }

    public static boolean isTerminal(SearchNode node) {
        return SearchConfig.ANSWER_ACTION.equals(node.action);
    }
}
