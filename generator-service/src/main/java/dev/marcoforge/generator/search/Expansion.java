package dev.marcoforge.generator.search;

import java.util.List;
import java.util.Map;

/**
 * A pending expansion of one node: for each action in order, {@code n} children from one model request.
 * {@code done} counts the actions already written. {@code initial} marks the expansion from {@code next_step}, after
 * which the node counts as fully expanded; the wrong-answer expansions only add children.
 */
public record Expansion(String nodeId, int seq, List<ActionCount> groups, int done, boolean initial) {

    public record ActionCount(String action, int n) {
    }

    public Expansion {
        groups = List.copyOf(groups);
    }

    public static Expansion of(String nodeId, int seq, Map<String, Integer> actions, boolean initial) {
        return new Expansion(nodeId, seq,
                actions.entrySet().stream().map(e -> new ActionCount(e.getKey(), e.getValue())).toList(), 0,
                initial);
    }

    public ActionCount current() {
        return groups.get(done);
    }

    public Expansion advanced() {
        return new Expansion(nodeId, seq, groups, done + 1, initial);
    }

    public boolean complete() {
        return done >= groups.size();
    }
}
