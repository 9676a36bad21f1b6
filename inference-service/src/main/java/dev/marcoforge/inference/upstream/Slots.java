package dev.marcoforge.inference.upstream;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The calls a backend may have in flight, handed out without blocking a thread: a caller that finds them all taken
 * waits in arrival order (so a burst cannot starve an early request) until a slot is released or its patience runs
 * out. A java.util.concurrent.Semaphore would park a thread per waiting request; here a waiting request costs a
 * queued future.
 */
final class Slots {

    private final int max;
    private final ArrayDeque<CompletableFuture<Boolean>> waiting = new ArrayDeque<>();
    private int used;

    Slots(int max) {
        this.max = max;
    }

    /** Emits true once a slot is held (release it), or false when none came within {@code patience} (null: no limit). */
    Uni<Boolean> acquire(Duration patience) {
        CompletableFuture<Boolean> turn;
        synchronized (this) {
            if (used < max && waiting.isEmpty()) {
                used++;
                return Uni.createFrom().item(true);
            }
            turn = new CompletableFuture<>();
            waiting.add(turn);
        }
        if (patience != null) {
            // A release that comes later skips this waiter: complete() lets exactly one of the two win.
            turn.completeOnTimeout(false, Math.max(0, patience.toMillis()), TimeUnit.MILLISECONDS);
        }
        return Uni.createFrom().completionStage(turn);
    }

    /** Hands the slot to the longest waiting caller that still waits, or frees it. */
    void release() {
        while (true) {
            CompletableFuture<Boolean> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    used--;
                    return;
                }
            }
            if (next.complete(true)) {
                return;
            }
        }
    }

    synchronized int inFlight() {
        return used;
    }

    synchronized int queued() {
        return (int) waiting.stream().filter(turn -> !turn.isDone()).count();
    }
}
