package dev.marcoforge.gateway.keys;

import dev.marcoforge.gateway.openai.OpenAiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each key's limits: requests per minute and tokens per minute as token buckets that refill continuously (a key
 * may burst up to a minute's allowance), and calls in flight. Tokens are known only after a call, so they are
 * charged then, and a call is let in while the budget is above zero. The limits are per gateway replica.
 */
@ApplicationScoped
public class KeyLimits {

    private final ConcurrentHashMap<String, KeyState> states = new ConcurrentHashMap<>();

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
        KeyState state = states.computeIfAbsent(key.id(), id -> new KeyState(key));
        return state.admit();
    }

    private static final class KeyState {
        private final ApiKey key;
        private final Bucket requests;
        private final Bucket tokens;
        private final AtomicInteger inFlight = new AtomicInteger();

        KeyState(ApiKey key) {
            this.key = key;
            this.requests = key.requestsPerMinute() == null ? null : new Bucket(key.requestsPerMinute());
            this.tokens = key.tokensPerMinute() == null ? null : new Bucket(key.tokensPerMinute());
        }

        Permit admit() {
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
            }
            if (key.maxConcurrent() != null && inFlight.incrementAndGet() > key.maxConcurrent()) {
                inFlight.decrementAndGet();
                throw OpenAiException.rateLimited("Rate limit reached for key '" + key.name() + "': at most "
                        + key.maxConcurrent() + " concurrent requests.", 1);
            }
            AtomicBoolean released = new AtomicBoolean();
            return used -> {
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                if (key.maxConcurrent() != null) {
                    inFlight.decrementAndGet();
                }
                if (tokens != null && used > 0) {
                    tokens.charge(used);
                }
            };
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

        private void refill() {
            long now = System.nanoTime();
            level = Math.min(capacity, level + (now - updated) * perNano);
            updated = now;
        }
    }
}
