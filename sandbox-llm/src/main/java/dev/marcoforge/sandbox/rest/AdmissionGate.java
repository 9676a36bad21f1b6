package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the requests served at once, like the batch slots of an inference server: the rest queue in arrival
 * order and give up with 429 after the queue timeout.
 */
@ApplicationScoped
public class AdmissionGate {

    private final Semaphore slots;
    private final Duration queueTimeout;
    private final SandboxMetrics metrics;

    public AdmissionGate(SandboxConfig config, SandboxMetrics metrics) {
        this.slots = new Semaphore(Math.max(1, config.maxConcurrentRequests()), true);
        this.queueTimeout = config.queueTimeout();
        this.metrics = metrics;
    }

    /** Blocks the calling worker thread while queued. */
    public Slot enter(String endpoint) {
        try {
            if (slots.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Slot();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.rejected(endpoint);
        throw new SandboxBusyException("The sandbox simulator is at its concurrency limit and no slot freed up within "
                + queueTimeout.toMillis() + " ms; retry later.");
    }

    /** A held serving slot; closing it twice is harmless, so streaming and error paths can both release it. */
    public final class Slot implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }
}
