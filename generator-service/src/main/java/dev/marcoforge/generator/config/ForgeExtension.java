package dev.marcoforge.generator.config;

import java.util.Map;

/**
 * Our extension block {@code marco_forge} of a Marco-o1 config: sampling settings the reference hard-codes and tag
 * overrides per action. Absent keys take the defaults.
 */
public record ForgeExtension(double temperature, Double topP, Long seed, Map<String, String> tags) {

    public static final double DEFAULT_TEMPERATURE = 0.7;

    public ForgeExtension {
        tags = Map.copyOf(tags);
    }

    public static ForgeExtension defaults() {
        return new ForgeExtension(DEFAULT_TEMPERATURE, null, null, Map.of());
    }
}
