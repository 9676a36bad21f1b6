package dev.marcoforge.generator.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Marco-o1 v2 search config, typed. {@code source} keeps the JSON it was read from, so the config travels to other
 * replicas and services exactly as submitted. Build it with {@link SearchConfigParser}, which checks the tree's
 * consistency.
 */
public record SearchConfig(String desc, String mode, int maxRolloutTime, int maxTokens, boolean outputTree,
        String inputPath, String outputFolder, String generateFunc, List<Double> searchRewardThreshold,
        String evaluateFunc, Map<String, Map<String, Integer>> useForWrongAnswer, boolean useMiniStep,
        boolean useFunctionCall, boolean useStep, String url1, String url2, String basePrompt,
        Map<String, ActionSpec> actionTree, ForgeExtension forge, JsonNode source) {

    /** The root action: its node holds the question. */
    public static final String BASE_ACTION = "base";
    /** The action whose node ends a chain and is verified. */
    public static final String ANSWER_ACTION = "answer";

    public SearchConfig {
        searchRewardThreshold = List.copyOf(searchRewardThreshold);
        useForWrongAnswer = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(useForWrongAnswer));
        actionTree = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(actionTree));
    }

    public Optional<ActionSpec> action(String name) {
        return Optional.ofNullable(actionTree.get(name));
    }

    /** The tag of an action's nodes, with this config's overrides. */
    public ActionTag tagOf(String action) {
        return ActionTag.of(action, forge.tags());
    }

    /** The reward at or above which a search that ran max_rollout_time rollouts succeeds (1 when not configured). */
    public double minRewardThreshold() {
        return searchRewardThreshold.isEmpty() ? 1.0 : searchRewardThreshold.get(0);
    }

    /** The reward at which a search succeeds at once (1 when not configured). */
    public double maxRewardThreshold() {
        return searchRewardThreshold.size() < 2 ? minRewardThreshold() : searchRewardThreshold.get(1);
    }

    public StepMode stepMode() {
        return StepMode.of(useStep, useMiniStep);
    }

    /**
     * The model role that writes an action's nodes: the one {@code marco_forge.action_roles} names, else the critic
     * for {@code special_model} actions and the policy for the rest.
     */
    public String roleOf(String action) {
        String named = forge.actionRoles().get(action);
        if (named != null) {
            return named;
        }
        return action(action).map(ActionSpec::modelRole).orElse(ModelRole.POLICY);
    }

    public RewardMode reward() {
        return forge.reward();
    }

    /** Whether an action's text shows in the history of later steps; unknown actions show. */
    public boolean showsInHistory(String action) {
        return action(action).map(ActionSpec::showInHistory).orElse(true);
    }
}
