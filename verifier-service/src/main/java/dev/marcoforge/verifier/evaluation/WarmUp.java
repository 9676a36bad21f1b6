package dev.marcoforge.verifier.evaluation;

import dev.marcoforge.verifier.evaluation.math.SymbolicMath;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads the computer algebra system at start-up, so the first math verdicts are not slowed (or timed out) by its
 * class loading. Runs on a background thread: readiness does not wait for it.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                SymbolicMath.warmUp();
                LOG.debugf("Symja loaded in %d ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warnf("Symja warm-up failed: %s", e.getMessage());
            }
        }, "symja-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
