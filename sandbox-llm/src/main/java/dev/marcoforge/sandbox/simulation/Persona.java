package dev.marcoforge.sandbox.simulation;

import java.util.Locale;

/**
 * Which simulated model answers. The critic stands for the reference's "special model" (its second URL): it
 * writes the same steps but catches far more of the mistakes it is asked to double-check.
 */
public enum Persona {
    POLICY,
    CRITIC,
    /**
     * A stand-in for distilled long-CoT data (Sky-T1, Open-R1): answers in one long thought that restarts with
     * "Wait" about sixteen times before the answer, as the paper reports of such data.
     */
    LONG_THINKER;

    /** Any model name is accepted; one containing the marker (case-insensitive) selects the critic. */
    public static Persona forModel(String model, String criticMarker) {
        return forModel(model, criticMarker, null);
    }

    /** As {@link #forModel(String, String)}, and a name containing {@code longThinkerMarker} selects the long thinker. */
    public static Persona forModel(String model, String criticMarker, String longThinkerMarker) {
        if (model == null) {
            return POLICY;
        }
        String name = model.toLowerCase(Locale.ROOT);
        if (longThinkerMarker != null && !longThinkerMarker.isBlank()
                && name.contains(longThinkerMarker.toLowerCase(Locale.ROOT))) {
            return LONG_THINKER;
        }
        if (criticMarker == null || criticMarker.isBlank()) {
            return POLICY;
        }
        return name.contains(criticMarker.toLowerCase(Locale.ROOT)) ? CRITIC : POLICY;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
