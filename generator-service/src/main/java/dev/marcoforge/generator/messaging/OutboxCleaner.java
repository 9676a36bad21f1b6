package dev.marcoforge.generator.messaging;

import dev.marcoforge.generator.persistence.OutboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes the outbox rows of messages the broker acknowledged, in batches off the producer's thread. A row left by a
 * crash before its delete only means one more send at the next start.
 */
@ApplicationScoped
public class OutboxCleaner {

    private static final Logger LOG = Logger.getLogger(OutboxCleaner.class);

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "generator-outbox-cleaner");
        t.setDaemon(true);
        return t;
    });

    public OutboxCleaner() {
        timer.scheduleWithFixedDelay(this::deleteAcknowledged, 500, 500, TimeUnit.MILLISECONDS);
    }

    public void acknowledged(String outboxId) {
        acknowledged.add(outboxId);
    }

    void deleteAcknowledged() {
        List<String> ids = new ArrayList<>();
        for (String id; ids.size() < 1000 && (id = acknowledged.poll()) != null;) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.delete("id in ?1", ids));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not delete %d sent outbox message(s); they will be sent again at the next start",
                    ids.size());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
