package dev.marcoforge.contracts;

import java.util.Collection;

/** Validation used by the records' compact constructors, so a malformed message fails with the field's name. */
final class Require {

    private Require() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required and must not be blank");
        }
        return value;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    static <T extends Collection<?>> T nonEmpty(T value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is required and must not be empty");
        }
        return value;
    }

    static int schema(int version, int supported, String type) {
        if (version != supported) {
            throw new IllegalArgumentException(
                    type + " has schemaVersion " + version + "; this build reads version " + supported);
        }
        return version;
    }
}
