package dev.marcoforge.sandbox.config;

import dev.marcoforge.sandbox.simulation.SimulationSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** States at start-up that this is a simulator, and with which error rates, so no run mistakes it for a model. */
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void onStart(@Observes StartupEvent event, SimulationSettings settings, SandboxConfig config) {
        LOG.infof("sandbox-llm: OpenAI-compatible SIMULATOR of a reasoning model (not a model). skip-letter-rate=%s"
                        + " wrong-sum-rate=%s critic-catch-rate=%s max-concurrent-requests=%d",
                settings.skipLetterRate(), settings.wrongSumRate(), settings.criticCatchRate(),
                config.maxConcurrentRequests());
    }
}
