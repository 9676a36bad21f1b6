package dev.marcoforge.generator.search;

import dev.marcoforge.generator.persistence.SearchNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The reference's selection: the first unvisited child in order, else the child of highest
 * {@code Q/N + c·sqrt(2·ln N_parent / N)}, ties broken at random.
 */
public final class Uct {

    private Uct() {
    }

    public static double value(double totalReward, int visits, int parentVisits, double exploration) {
        return totalReward / visits + exploration * Math.sqrt(2 * Math.log(parentVisits) / visits);
    }

    /**
     * @param randomIndex given a bound, draws an index below it; called only when several children tie
     */
    public static SearchNode select(List<SearchNode> children, int parentVisits, double exploration,
            IntUnaryOperator randomIndex) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("a node without children cannot be selected from");
        }
        double best = Double.NEGATIVE_INFINITY;
        List<SearchNode> bestNodes = new ArrayList<>();
        for (SearchNode child : children) {
            if (child.visits == 0) {
                return child;
            }
            double v = value(child.totalReward, child.visits, parentVisits, exploration);
            if (v > best) {
                best = v;
                bestNodes.clear();
                bestNodes.add(child);
            } else if (v == best) {
                bestNodes.add(child);
            }
        }
        return bestNodes.size() == 1 ? bestNodes.get(0) : bestNodes.get(randomIndex.applyAsInt(bestNodes.size()));
    }
}
