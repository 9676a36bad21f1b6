package dev.marcoforge.generator.config;

import java.util.Map;

/**
 * Our extension block {@code marco_forge} of a Marco-o1 config: sampling settings the reference hard-codes, tag
 * overrides per action, the exploration constant and the mini-step size. Absent keys take the defaults.
 */
public record ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags,
        double explorationConstant, int miniStepTokens) {

    public static final double DEFAULT_TEMPERATURE = 0.7;
    /** The reference's {@code exploration_value}: c in Q/N + c·sqrt(2·ln N_parent / N). */
    public static final double DEFAULT_EXPLORATION = 1.414;
    /** Marco-o1 v1's mini-step size: tokens per node with {@code use_mini_step} (it tried 32 and 64). */
    public static final int DEFAULT_MINI_STEP_TOKENS = 32;

    public ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags) {
        this(temperature, topP, seed, tags, DEFAULT_EXPLORATION, DEFAULT_MINI_STEP_TOKENS);
    }

    public ForgeExtension {
        tags = Map.copyOf(tags);
    }

    public static ForgeExtension defaults() {
        return new ForgeExtension(DEFAULT_TEMPERATURE, null, null, Map.of());
    }
}
