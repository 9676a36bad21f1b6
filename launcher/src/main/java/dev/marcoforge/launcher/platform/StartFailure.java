package dev.marcoforge.launcher.platform;

import java.util.List;

/** A component that did not come up; carries the end of its log so the user sees why without digging. */
public class StartFailure extends RuntimeException {

    private final String component;
    private final List<String> logTail;

    public StartFailure(String component, String message, List<String> logTail) {
        super(message);
        this.component = component;
        this.logTail = List.copyOf(logTail);
    }

    public String component() {
        return component;
    }

    public List<String> logTail() {
        return logTail;
    }
}
