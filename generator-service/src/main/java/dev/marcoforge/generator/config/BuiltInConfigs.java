package dev.marcoforge.generator.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The search configs shipped with the service, addressable by name (classpath {@code configs/<name>.json}). */
public final class BuiltInConfigs {

    /** Every built-in config; a job's {@code config} may be one of these names. */
    public static final List<String> NAMES = List.of("letter-counting");

    private BuiltInConfigs() {
    }

    public static Optional<JsonNode> find(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltInConfigs.class.getClassLoader()
                .getResourceAsStream("configs/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in config '" + name + "' is missing from the classpath");
            }
            return Optional.of(MessageCodec.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in config '" + name + "'", e);
        }
    }
}
