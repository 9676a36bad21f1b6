package dev.marcoforge.generator.config;

import java.util.List;

/** A search config with faults; {@link #faults()} names every one, so a user fixes them in one go. */
public class InvalidSearchConfigException extends RuntimeException {

    private final List<String> faults;

    public InvalidSearchConfigException(List<String> faults) {
        super("invalid search config: " + String.join("; ", faults));
        this.faults = List.copyOf(faults);
    }

    public List<String> faults() {
        return faults;
    }
}
