package dev.marcoforge.inference.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests whose caller went away ({@code marco.inference.cancels}). A cancel may arrive before its request is
 * taken up (the two topics are read independently), so it is remembered for a while; a running request either
 * checks {@link #cancelled} between steps or waits on {@link #signal} to stop a call in flight at once.
 */
@ApplicationScoped
public class Cancellations {

    /** How long a cancel is remembered: longer than any request waits for a slot in practice. */
    static final long KEEP_MILLIS = 15 * 60_000L;
    private static final int MAX_KEPT = 100_000;

    /** Completed (with the time of the cancel) once the request is cancelled. */
    private final Map<String, CompletableFuture<Long>> signals = new ConcurrentHashMap<>();

    public void cancel(String requestId) {
        long now = System.currentTimeMillis();
        if (signals.size() >= MAX_KEPT) {
            signals.values().removeIf(signal -> signal.isDone() && now - signal.join() > KEEP_MILLIS);
        }
        signals.computeIfAbsent(requestId, id -> new CompletableFuture<>()).complete(now);
    }

    public boolean cancelled(String requestId) {
        CompletableFuture<Long> signal = signals.get(requestId);
        return signal != null && signal.isDone() && System.currentTimeMillis() - signal.join() <= KEEP_MILLIS;
    }

    /** Completes when the request is cancelled (at once if it already is); {@link #forget} it when it is over. */
    public CompletableFuture<Long> signal(String requestId) {
        return signals.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** The request is over: its cancel (if any) is no longer needed. */
    public void forget(String requestId) {
        signals.remove(requestId);
    }
}
