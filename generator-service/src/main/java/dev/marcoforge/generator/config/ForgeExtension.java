package dev.marcoforge.generator.config;

import java.util.Map;

/**
 * Our extension block {@code marco_forge} of a Marco-o1 config: sampling settings the reference hard-codes and tag
 * overrides per action. Absent keys take the defaults.
 */
public record ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags,
        double explorationConstant) {

    public static final double DEFAULT_TEMPERATURE = 0.7;
    /** The reference's {@code exploration_value}: c in Q/N + c·sqrt(2·ln N_parent / N). */
    public static final double DEFAULT_EXPLORATION = 1.414;

    public ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags) {
        this(temperature, topP, seed, tags, DEFAULT_EXPLORATION);
    }

    public ForgeExtension {
        tags = Map.copyOf(tags);
    }

    public static ForgeExtension defaults() {
        return new ForgeExtension(DEFAULT_TEMPERATURE, null, null, Map.of());
    }
}
