package dev.marcoforge.sandbox.simulation;

import java.util.Locale;

public enum FinishReason {
    STOP,
    LENGTH;

    /** The value of OpenAI's {@code finish_reason}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
