package dev.marcoforge.generator.config;

import java.util.List;
import java.util.Map;

/**
 * One action of a Marco-o1 action tree: the prefills to start its node with, whether its text shows in later
 * steps' history, whether the critic model (rather than the policy model) writes it, and the actions that may follow
 * with how many children each gets.
 */
public record ActionSpec(String name, List<String> prefillText, String description, boolean showInHistory,
        boolean specialModel, Map<String, Integer> nextStep) {

    public ActionSpec {
        prefillText = List.copyOf(prefillText);
        // next_step's order is the order of a node's children, which the selection scans.
        nextStep = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nextStep));
    }

    /** The model role that writes this action's nodes. */
    public String modelRole() {
        return specialModel ? ModelRole.CRITIC : ModelRole.POLICY;
    }
}
