package dev.marcoforge.generator.search;

import dev.marcoforge.generator.persistence.SearchNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a step changed on the nodes it found in its tree: the tree is kept in memory between steps, outside any
 * persistence context, so the step writes these rows itself (see StepWriter) instead of leaving it to Hibernate's
 * dirty checking of every node. Nodes the step created are written as new rows.
 */
final class NodeChanges {

    private record Before(SearchNode node, int visits, double totalReward, boolean fullyExpanded,
            Boolean verdictCorrect) {

        boolean changed() {
            return node.visits != visits || node.totalReward != totalReward || node.fullyExpanded != fullyExpanded
                    || !Objects.equals(node.verdictCorrect, verdictCorrect);
        }
    }

    private final List<Before> before;

    private NodeChanges(List<Before> before) {
        this.before = before;
    }

    /** Remembers the state of every node of {@code tree} as the step starts. */
    static NodeChanges of(TreeState tree) {
        List<Before> before = new ArrayList<>(tree.size());
        for (SearchNode n : tree.nodes()) {
            before.add(new Before(n, n.visits, n.totalReward, n.fullyExpanded, n.verdictCorrect));
        }
        return new NodeChanges(before);
    }

    /** The nodes that changed since {@link #of}. */
    List<SearchNode> changed() {
        List<SearchNode> changed = new ArrayList<>();
        for (Before b : before) {
            if (b.changed()) {
                changed.add(b.node());
            }
        }
        return changed;
    }
}
