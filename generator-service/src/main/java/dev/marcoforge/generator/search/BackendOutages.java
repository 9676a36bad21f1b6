package dev.marcoforge.generator.search;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model servers that stayed down after a call's retries, each with the calls waiting for it. A search whose model is
 * down waits here instead of failing; one waiting call at a time probes the server, and when it answers every
 * waiting call goes on.
 */
final class BackendOutages {

    /** A server that is down: why, since when, and the calls that wait for it (the first one probes). */
    record Outage(String key, String reason, Instant since, Deque<ModelCall> waiting) {
    }

    private final Map<String, Outage> down = new ConcurrentHashMap<>();

    boolean isDown(ModelCall call) {
        return down.containsKey(call.endpoint().slotKey());
    }

    /** Why the server of {@code call} is down (the failure that started the outage), or null when it is not. */
    String reason(ModelCall call) {
        Outage outage = down.get(call.endpoint().slotKey());
        return outage == null ? null : outage.reason();
    }

    /** Adds {@code call} to its server's outage; true when the server was not known to be down yet. */
    synchronized boolean park(ModelCall call, String reason) {
        String key = call.endpoint().slotKey();
        Outage outage = down.get(key);
        boolean fresh = outage == null;
        if (fresh) {
            outage = new Outage(key, reason, Instant.now(), new ArrayDeque<>());
            down.put(key, outage);
        }
        outage.waiting().addLast(call);
        return fresh;
    }

    /** The call that probes each down server: the longest-waiting one. */
    synchronized List<ModelCall> probes() {
        List<ModelCall> probes = new ArrayList<>();
        down.values().forEach(outage -> Optional.ofNullable(outage.waiting().peekFirst()).ifPresent(probes::add));
        return probes;
    }

    /** Takes a probe that failed for good (a refused request, say) out of the queue. */
    synchronized void drop(ModelCall probe) {
        Outage outage = down.get(probe.endpoint().slotKey());
        if (outage != null) {
            outage.waiting().remove(probe);
            if (outage.waiting().isEmpty()) {
                down.remove(outage.key());
            }
        }
    }

    /** Ends the outage of {@code probe}'s server, which answered; returns the other calls that waited for it. */
    synchronized List<ModelCall> recovered(ModelCall probe) {
        Outage outage = down.remove(probe.endpoint().slotKey());
        if (outage == null) {
            return List.of();
        }
        List<ModelCall> others = new ArrayList<>(outage.waiting());
        others.remove(probe);
        return others;
    }

    int downCount() {
        return down.size();
    }
}
