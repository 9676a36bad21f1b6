package dev.marcoforge.inference.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bounds the requests taken up from the topic and not yet finished. A request waiting for a backend slot costs
 * only a queued future, so the consumer takes requests up without waiting; past the bound it returns a stage that
 * completes when one finishes, and the connector stops delivering (and pauses the partitions once its buffer is
 * full) until then, so a burst waits in Kafka rather than in this service's memory.
 */
final class TakenUpLimit {

    private static final CompletableFuture<Void> ROOM = CompletableFuture.completedFuture(null);

    private final int max;
    private int running;
    private CompletableFuture<Void> room = ROOM;

    TakenUpLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the limit of requests taken up must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** Counts a request in; the stage completes once there is room for the next one. */
    synchronized CompletionStage<Void> enter() {
        running++;
        if (running < max) {
            return ROOM;
        }
        if (room.isDone()) {
            room = new CompletableFuture<>();
        }
        return room;
    }

    /** Counts a finished request out, making room for the next one when the limit was reached. */
    void leave() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            running--;
            if (running >= max) {
                return;
            }
            waiting = room;
        }
        waiting.complete(null);
    }

    synchronized int running() {
        return running;
    }
}
