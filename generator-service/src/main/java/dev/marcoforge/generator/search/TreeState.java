package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.persistence.SearchNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The nodes of one tree, loaded together, with the navigation the search and the views need. */
public final class TreeState {

    private final List<SearchNode> nodes;
    private final Map<String, SearchNode> byId = new HashMap<>();
    private final Map<String, List<SearchNode>> children = new HashMap<>();

    private TreeState(List<SearchNode> nodesInOrder) {
        this.nodes = new ArrayList<>();
        nodesInOrder.forEach(this::add);
    }

    /** Adds a node created after loading; it must come after its parent. */
    public void add(SearchNode node) {
        nodes.add(node);
        byId.put(node.id, node);
        if (node.parentId != null) {
            children.computeIfAbsent(node.parentId, k -> new ArrayList<>()).add(node);
        }
    }

    public List<SearchNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public static TreeState of(List<SearchNode> nodesInOrder) {
        return new TreeState(nodesInOrder);
    }

    public static TreeState load(String problemRunId) {
        return new TreeState(SearchNode.list("problemRunId = ?1 order by ordinal", problemRunId));
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public SearchNode root() {
        return nodes.get(0);
    }

    public SearchNode node(String id) {
        return byId.get(id);
    }

    public List<SearchNode> childrenOf(String nodeId) {
        return Collections.unmodifiableList(children.getOrDefault(nodeId, List.of()));
    }

    /** The nodes from the root to {@code node}, both included. */
    public List<SearchNode> pathTo(SearchNode node) {
        List<SearchNode> path = new ArrayList<>();
        for (SearchNode n = node; n != null; n = n.parentId == null ? null : byId.get(n.parentId)) {
            path.add(n);
        }
        Collections.reverse(path);
        return path;
    }

    /** The answer nodes that have a verdict, in creation order: the finished rollouts. */
    public List<SearchNode> judgedAnswers() {
        return nodes.stream().filter(n -> SearchConfig.ANSWER_ACTION.equals(n.action) && n.hasVerdict()).toList();
    }

    /** The answer nodes that ended a rollout (judged, or visited under the confidence reward), in creation order. */
    public List<SearchNode> finishedAnswers() {
        return nodes.stream().filter(n -> SearchConfig.ANSWER_ACTION.equals(n.action)
                && (n.hasVerdict() || n.visits > 0)).toList();
    }

    /** The summed token confidence of the nodes from the root to {@code node}. */
    public TokenConfidence confidenceOf(SearchNode node) {
        TokenConfidence total = TokenConfidence.NONE;
        for (SearchNode n : pathTo(node)) {
            total = total.plus(n.confidence());
        }
        return total;
    }

    public int size() {
        return nodes.size();
    }
}
