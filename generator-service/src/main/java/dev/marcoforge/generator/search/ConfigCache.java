package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.config.SearchConfigParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed configs by their JSON text: every step of every problem reads its config, and a job's problems share one. */
@ApplicationScoped
public class ConfigCache {

    private static final int CAPACITY = 64;

    private final Map<String, SearchConfig> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchConfig> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @throws dev.marcoforge.generator.config.InvalidSearchConfigException when the stored config has faults */
    public synchronized SearchConfig of(String json) {
        SearchConfig config = parsed.get(json);
        if (config == null) {
            try {
                config = SearchConfigParser.parse(MessageCodec.mapper().readTree(json));
            } catch (IOException e) {
                throw new UncheckedIOException("stored config is not JSON", e);
            }
            parsed.put(json, config);
        }
        return config;
    }
}
