package dev.marcoforge.inference.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests whose caller went away ({@code marco.inference.cancels}). A cancel may arrive before its request is
 * taken up (the two topics are read independently), so it is remembered for a while; a running request checks
 * {@link #cancelled} between steps.
 */
@ApplicationScoped
public class Cancellations {

    /** How long a cancel is remembered: longer than any request waits for a slot in practice. */
    static final long KEEP_MILLIS = 15 * 60_000L;
    private static final int MAX_KEPT = 100_000;

    private final Map<String, Long> cancelledAt = new ConcurrentHashMap<>();

    public void cancel(String requestId) {
        long now = System.currentTimeMillis();
        if (cancelledAt.size() >= MAX_KEPT) {
            cancelledAt.values().removeIf(at -> now - at > KEEP_MILLIS);
        }
        cancelledAt.put(requestId, now);
    }

    public boolean cancelled(String requestId) {
        Long at = cancelledAt.get(requestId);
        return at != null && System.currentTimeMillis() - at <= KEEP_MILLIS;
    }

    /** The request is over: its cancel (if any) is no longer needed. */
    public void forget(String requestId) {
        cancelledAt.remove(requestId);
    }
}
