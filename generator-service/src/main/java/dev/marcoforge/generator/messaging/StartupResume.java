package dev.marcoforge.generator.messaging;

import dev.marcoforge.generator.config.GeneratorConfig;
import dev.marcoforge.generator.search.SearchEngine;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Resumes unfinished searches when the service starts. It runs off the start-up thread because continuing a search
 * may call a model for a while.
 */
@ApplicationScoped
public class StartupResume {

    private static final Logger LOG = Logger.getLogger(StartupResume.class);

    private final SearchEngine engine;
    private final GeneratorConfig settings;

    public StartupResume(SearchEngine engine, GeneratorConfig settings) {
        this.engine = engine;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.resumeOnStart()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                engine.resume();
            } catch (RuntimeException e) {
                LOG.error("resuming unfinished searches failed", e);
            }
        }, "generator-resume");
        thread.setDaemon(true);
        thread.start();
    }
}
