package dev.marcoforge.gateway.keys;

import dev.marcoforge.gateway.openai.OpenAiException;
import dev.marcoforge.gateway.config.GatewayConfig;
import dev.marcoforge.gateway.keys.KeyUsageStore.Usage;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Each key's limits: requests per minute and tokens per minute as token buckets that refill continuously (a key
 * may burst up to a minute's allowance), and calls in flight. Tokens are known only after a call, so they are
 * charged then, and a call is let in while the budget is above zero.
 *
 * <p>The limits hold across gateway replicas. Admission stays local (no database call per request): every
 * {@code marco.gateway.limits.sync-interval} a replica writes its counters per limited key to PostgreSQL
 * ({@link KeyUsageStore}) and reads the other replicas', charges its own buckets with what the others admitted
 * since the last round and counts their calls in flight. A key may therefore go over by what the replicas admit
 * within one interval. A replica that joins starts from the allowance the others left; one that has not written
 * for {@code replica-timeout} (crashed) no longer holds concurrent slots. When the database cannot be reached, each
 * replica goes on enforcing the limits alone.
 */
@ApplicationScoped
public class KeyLimits {

    private static final Logger LOG = Logger.getLogger(KeyLimits.class);
    /** A key idle for this long, with nothing in flight and its allowance refilled, is forgotten (and its row
     * goes stale): its use no longer matters to anyone. */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final Duration DROP_ROWS_AFTER = Duration.ofHours(1);

    private final String replicaId = UUID.randomUUID().toString();
    private final ConcurrentHashMap<String, KeyState> states = new ConcurrentHashMap<>();
    private final KeyUsageStore store;
    private final Duration replicaTimeout;
    private final Duration syncInterval;
    /** The other replicas' fresh rows as last read: key id -> replica id -> use. */
    private volatile Map<String, Map<String, Usage>> others = Map.of();
    private ScheduledExecutorService timer;
    private boolean failing;
    private long rounds;

    @Inject
    public KeyLimits(KeyUsageStore store, GatewayConfig config) {
        this(store, config.limits().replicaTimeout(), config.limits().syncInterval());
    }

    /** A replica whose rounds are run by the caller ({@link #sync()}), as the tests do. */
    KeyLimits(KeyUsageStore store, Duration replicaTimeout, Duration syncInterval) {
        this.store = store;
        this.replicaTimeout = replicaTimeout;
        this.syncInterval = syncInterval;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "key-limits-sync");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, syncInterval.toMillis());
        timer.scheduleWithFixedDelay(this::syncQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A granted call; {@link #release(int)} once it ended, with the tokens it used. */
    public interface Permit {
        void release(int tokensUsed);
    }

    /** @throws OpenAiException 429 with {@code Retry-After} when a limit is reached */
    public Permit admit(ApiKey key) {
        if (key.requestsPerMinute() == null && key.tokensPerMinute() == null && key.maxConcurrent() == null) {
            return tokens -> {
            };
        }
        KeyState state = states.computeIfAbsent(key.id(),
                id -> new KeyState(key, others.getOrDefault(id, Map.of())));
        return state.admit();
    }

    private void syncQuietly() {
        try {
            sync();
            if (failing) {
                LOG.info("key limits are shared with the other gateway replicas again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warnf("cannot share key limits with the other gateway replicas (each enforces them alone "
                        + "until this clears): %s", e.getMessage());
                failing = true;
            }
        }
    }

    /** One round: write this replica's use of the keys, read the others' and take it into account. */
    void sync() throws SQLException {
        long now = System.nanoTime();
        // A small race with admit() may let one call count on a state just forgotten; it is one call.
        states.values().removeIf(state -> state.forgettable(now));
        List<Usage> mine = new ArrayList<>();
        for (KeyState state : states.values()) {
            mine.add(state.usage(replicaId));
        }
        store.publish(mine);
        Map<String, Map<String, Usage>> read = new HashMap<>();
        for (Usage usage : store.others(replicaId, replicaTimeout)) {
            read.computeIfAbsent(usage.keyId(), id -> new HashMap<>()).put(usage.replicaId(), usage);
        }
        others = read;
        for (KeyState state : states.values()) {
            state.absorb(read.getOrDefault(state.key.id(), Map.of()));
        }
        if (rounds++ % 1000 == 0) {
            store.dropOlderThan(DROP_ROWS_AFTER);
        }
    }

    private static final class KeyState {
        private final ApiKey key;
        private final Bucket requests;
        private final Bucket tokens;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong requestsAdmitted = new AtomicLong();
        private final AtomicLong tokensCharged = new AtomicLong();
        private volatile int othersInFlight;
        private volatile long lastActive = System.nanoTime();
        /** Per other replica: its counters when last read; touched by the sync round only. */
        private final Map<String, long[]> seen = new HashMap<>();

        KeyState(ApiKey key, Map<String, Usage> othersNow) {
            this.key = key;
            this.requests = key.requestsPerMinute() == null ? null : new Bucket(key.requestsPerMinute());
            this.tokens = key.tokensPerMinute() == null ? null : new Bucket(key.tokensPerMinute());
            // Start from what the other replicas left of the allowance, and count their use from here on.
            int busy = 0;
            for (Usage usage : othersNow.values()) {
                seen.put(usage.replicaId(), new long[] {usage.requests(), usage.tokens()});
                busy += usage.inFlight();
                if (requests != null && usage.requestsLevel() != null) {
                    requests.lowerTo(usage.requestsLevel(), usage.ageSeconds());
                }
                if (tokens != null && usage.tokensLevel() != null) {
                    tokens.lowerTo(usage.tokensLevel(), usage.ageSeconds());
                }
            }
            othersInFlight = busy;
        }

        Permit admit() {
            lastActive = System.nanoTime();
            if (tokens != null) {
                double wait = tokens.secondsUntilPositive();
                if (wait > 0) {
                    throw OpenAiException.rateLimited("Rate limit reached for key '" + key.name() + "': "
                            + key.tokensPerMinute() + " tokens per minute.", (long) Math.ceil(wait));
                }
            }
            if (requests != null) {
                double wait = requests.take(1);
                if (wait > 0) {
                    throw OpenAiException.rateLimited("Rate limit reached for key '" + key.name() + "': "
                            + key.requestsPerMinute() + " requests per minute.", (long) Math.ceil(wait));
                }
                requestsAdmitted.incrementAndGet();
            }
            if (key.maxConcurrent() != null && inFlight.incrementAndGet() + othersInFlight > key.maxConcurrent()) {
                inFlight.decrementAndGet();
                throw OpenAiException.rateLimited("Rate limit reached for key '" + key.name() + "': at most "
                        + key.maxConcurrent() + " concurrent requests.", 1);
            }
            AtomicBoolean released = new AtomicBoolean();
            return used -> {
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                lastActive = System.nanoTime();
                if (key.maxConcurrent() != null) {
                    inFlight.decrementAndGet();
                }
                if (tokens != null && used > 0) {
                    tokens.charge(used);
                    tokensCharged.addAndGet(used);
                }
            };
        }

        Usage usage(String replicaId) {
            return new Usage(key.id(), replicaId, requestsAdmitted.get(), tokensCharged.get(), inFlight.get(),
                    requests == null ? null : requests.level(), tokens == null ? null : tokens.level(), 0);
        }

        /**
         * The other replicas' fresh rows: charge what they admitted since the last round. A row not seen before
         * counts whole: a replica writes every key it keeps each round, so a new row is a replica (or a key on it)
         * that started since, and its counters start at zero.
         */
        void absorb(Map<String, Usage> rows) {
            int busy = 0;
            for (Usage usage : rows.values()) {
                busy += usage.inFlight();
                long[] before = seen.put(usage.replicaId(), new long[] {usage.requests(), usage.tokens()});
                long requestsSince = usage.requests() - (before == null ? 0 : before[0]);
                long tokensSince = usage.tokens() - (before == null ? 0 : before[1]);
                if (requests != null && requestsSince > 0) {
                    requests.charge(requestsSince);
                }
                if (tokens != null && tokensSince > 0) {
                    tokens.charge(tokensSince);
                }
            }
            othersInFlight = busy;
            seen.keySet().retainAll(rows.keySet());
        }

        boolean forgettable(long now) {
            return now - lastActive > IDLE_NANOS && inFlight.get() == 0
                    && (requests == null || requests.full()) && (tokens == null || tokens.full());
        }
    }

    /** A continuously refilling allowance of {@code perMinute}, which may go negative when charged after use. */
    static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double level;
        private long updated = System.nanoTime();

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.level = perMinute;
        }

        /** Takes {@code amount} when there is that much; else the seconds until there will be. */
        synchronized double take(double amount) {
            refill();
            if (level >= amount) {
                level -= amount;
                return 0;
            }
            return (amount - level) / perNano / 1e9;
        }

        synchronized double secondsUntilPositive() {
            refill();
            return level > 0 ? 0 : (-level + 1e-9) / perNano / 1e9;
        }

        synchronized void charge(double amount) {
            refill();
            level -= amount;
        }

        synchronized boolean full() {
            refill();
            return level >= capacity;
        }

        synchronized double level() {
            refill();
            return level;
        }

        /** Lowers the level to another replica's, as it was {@code ageSeconds} ago plus the refill since. */
        synchronized void lowerTo(double otherLevel, double ageSeconds) {
            refill();
            level = Math.min(level, Math.min(capacity, otherLevel + ageSeconds * 1e9 * perNano));
        }

        private void refill() {
            long now = System.nanoTime();
            level = Math.min(capacity, level + (now - updated) * perNano);
            updated = now;
        }
    }
}
