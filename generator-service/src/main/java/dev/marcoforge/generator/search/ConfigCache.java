package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.config.SearchConfigParser;
import dev.marcoforge.generator.persistence.ProblemRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed configs by their JSON text (a job's problems share one), and by problem run, so a step of a running problem
 * needs neither the stored JSON nor a parse.
 */
@ApplicationScoped
public class ConfigCache {

    private static final int CAPACITY = 64;

    private final Map<String, SearchConfig> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchConfig> eldest) {
            return size() > CAPACITY;
        }
    };

    private static final int RUNS = 8192;

    private final Map<String, SearchConfig> byRun = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchConfig> eldest) {
            return size() > RUNS;
        }
    };

    /** The config of a run; its stored JSON is read only the first time. */
    public SearchConfig ofRun(ProblemRun run) {
        synchronized (this) {
            SearchConfig known = byRun.get(run.id);
            if (known != null) {
                return known;
            }
        }
        SearchConfig config = of(run.configJson);
        synchronized (this) {
            byRun.put(run.id, config);
        }
        return config;
    }

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
