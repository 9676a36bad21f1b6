package dev.marcoforge.generator.search;

import dev.marcoforge.generator.persistence.SearchNode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hibernate.Session;

/**
 * What a step changed on the nodes it found in its tree: the tree is kept in memory between steps, outside any
 * persistence context, so these rows are updated here in one JDBC batch instead of by Hibernate's dirty checking of
 * every node. Nodes the step created are Hibernate's to insert.
 */
final class NodeChanges {

    private static final String UPDATE = "UPDATE search_nodes SET visits = ?, total_reward = ?, fully_expanded = ?,"
            + " verdict_correct = ?, verdict_extracted = ?, verdict_reason = ? WHERE id = ?";

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

    /** Writes the nodes that changed since {@link #of}, and takes the current state as the new starting point. */
    void write(Session session) {
        List<SearchNode> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Before b = before.get(i);
            if (b.changed()) {
                changed.add(b.node());
                SearchNode n = b.node();
                before.set(i, new Before(n, n.visits, n.totalReward, n.fullyExpanded, n.verdictCorrect));
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                for (SearchNode n : changed) {
                    update.setInt(1, n.visits);
                    update.setDouble(2, n.totalReward);
                    update.setBoolean(3, n.fullyExpanded);
                    update.setObject(4, n.verdictCorrect, Types.BOOLEAN);
                    update.setString(5, n.verdictExtracted);
                    update.setString(6, n.verdictReason);
                    update.setString(7, n.id);
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        throw new SQLException("search node " + changed.get(i).id + " is gone from the database");
                    }
                }
            }
        });
    }
}
