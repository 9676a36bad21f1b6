package dev.marcoforge.gateway.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Runs a consumer's database work in a transaction of its own, and again with growing pauses (up to 10 s apart, for
 * up to 2 min) while the database fails it, say through a PostgreSQL restart or fail-over that broke the pooled
 * connections. Without this a valid message would go to the dead-letter topic for the database's fault. The
 * retry must wrap the transaction, not run inside it: a transaction that met a broken connection can only roll
 * back. The work is idempotent (chains and results are stored if absent, records have stable ids).
 */
@ApplicationScoped
public class RetriedTransactions {

    @Retry(retryOn = { PersistenceException.class, QuarkusTransactionException.class }, maxRetries = -1, delay = 100,
            jitter = 50, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void run(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }
}
