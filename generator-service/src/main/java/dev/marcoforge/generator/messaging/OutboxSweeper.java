package dev.marcoforge.generator.messaging;

import dev.marcoforge.generator.config.GeneratorConfig;
import dev.marcoforge.generator.persistence.OutboxMessage;
import dev.marcoforge.generator.search.MessageSink;
import dev.marcoforge.generator.search.OutboundMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends again the outbox rows that stayed unacknowledged longer than {@code outbox-resend-after}: their sender
 * crashed (this instance before a restart, or another instance), or the send failed. Younger rows are left to the
 * instance that is sending them, so a second instance joining a job does not duplicate its chains.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);

    private final MessageSink sink;
    private final GeneratorConfig settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "generator-outbox-sweeper");
        t.setDaemon(true);
        return t;
    });

    public OutboxSweeper(MessageSink sink, GeneratorConfig settings) {
        this.sink = sink;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        long every = Math.max(1, settings.outboxResendAfter().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            Instant before = Instant.now().minus(settings.outboxResendAfter());
            List<OutboundMessage> stale = QuarkusTransaction.requiringNew().call(() -> OutboxMessage
                    .<OutboxMessage>find("createdAt < ?1 order by createdAt", before).page(0, 500).list().stream()
                    .map(row -> new OutboundMessage(row.topic, row.key, row.json, row.id)).toList());
            if (!stale.isEmpty()) {
                LOG.infof("re-sending %d chain/result message(s) left unacknowledged", stale.size());
                sink.publish(stale);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweeping the outbox failed; trying again later", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
