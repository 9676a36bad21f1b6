package dev.marcoforge.generator.config;

import java.util.Map;

/**
 * Our extension block {@code marco_forge} of a Marco-o1 config: sampling settings the reference hard-codes, tag
 * overrides per action, the exploration constant, the mini-step size, the reward mode, and model roles beyond the
 * reference's two with the actions they write. Absent keys take the defaults.
 */
public record ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags,
        double explorationConstant, int miniStepTokens, RewardMode reward, Map<String, RoleSpec> roles,
        Map<String, String> actionRoles) {

    public static final double DEFAULT_TEMPERATURE = 0.7;
    /** The reference's {@code exploration_value}: c in Q/N + c·sqrt(2·ln N_parent / N). */
    public static final double DEFAULT_EXPLORATION = 1.414;
    /** Marco-o1 v1's mini-step size: tokens per node with {@code use_mini_step} (it tried 32 and 64). */
    public static final int DEFAULT_MINI_STEP_TOKENS = 32;

    public ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags) {
        this(temperature, topP, seed, tags, DEFAULT_EXPLORATION, DEFAULT_MINI_STEP_TOKENS);
    }

    public ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags,
            double explorationConstant, int miniStepTokens) {
        this(temperature, topP, seed, tags, explorationConstant, miniStepTokens, RewardMode.VERIFIER, Map.of(),
                Map.of());
    }

    public ForgeExtension {
        tags = Map.copyOf(tags);
        roles = Map.copyOf(roles);
        actionRoles = Map.copyOf(actionRoles);
    }

    public static ForgeExtension defaults() {
        return new ForgeExtension(DEFAULT_TEMPERATURE, null, null, Map.of());
    }
}
