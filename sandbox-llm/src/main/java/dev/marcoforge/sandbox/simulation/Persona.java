package dev.marcoforge.sandbox.simulation;

import java.util.Locale;

/**
 * Which simulated model answers. The critic stands for the reference's "special model" (its second URL): it
 * writes the same steps but catches far more of the mistakes it is asked to double-check.
 */
public enum Persona {
    POLICY,
    CRITIC;

    /** Any model name is accepted; one containing the marker (case-insensitive) selects the critic. */
    public static Persona forModel(String model, String criticMarker) {
        if (model == null || criticMarker == null || criticMarker.isBlank()) {
            return POLICY;
        }
        String name = model.toLowerCase(Locale.ROOT);
        return name.contains(criticMarker.toLowerCase(Locale.ROOT)) ? CRITIC : POLICY;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
