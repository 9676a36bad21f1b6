package dev.marcoforge.inference.upstream;

import dev.marcoforge.inference.embedded.EmbeddedModel;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * One served model: its upstream and its client (or its embedded checkpoint), and the slots that bound the calls in
 * flight. Waiting requests queue in arrival order, so a burst cannot starve an early request.
 */
public final class Backend {

    private final String name;
    private final String upstreamModel;
    private final String url;
    private final Duration timeout;
    private final int maxConcurrency;
    private final Slots slots;
    private final UpstreamChatApi api;
    private final EmbeddedModel embedded;

    Backend(String name, String upstreamModel, String url, Duration timeout, int maxConcurrency,
            UpstreamChatApi api) {
        this(name, upstreamModel, url, timeout, maxConcurrency, api, null);
    }

    private Backend(String name, String upstreamModel, String url, Duration timeout, int maxConcurrency,
            UpstreamChatApi api, EmbeddedModel embedded) {
        this.name = name;
        this.upstreamModel = upstreamModel;
        this.url = url;
        this.timeout = timeout;
        this.maxConcurrency = maxConcurrency;
        this.slots = new Slots(maxConcurrency);
        this.api = api;
        this.embedded = embedded;
    }

    /** A model served in this process from a checkpoint (no upstream). */
    public static Backend embedded(String name, EmbeddedModel model, Duration timeout, int maxConcurrency) {
        return new Backend(name, name, model.checkpoint().toString(), timeout, maxConcurrency, null, model);
    }

    /** The checkpoint this backend serves, or null for an upstream. */
    public EmbeddedModel embeddedModel() {
        return embedded;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * Waits for a slot without holding a thread, at most {@code patience} (null: as long as it takes); emits false
     * when none came in time, true when the slot is held (then {@link #release} it).
     */
    public Uni<Boolean> acquire(Duration patience) {
        return slots.acquire(patience);
    }

    public void release() {
        slots.release();
    }

    public int inFlight() {
        return slots.inFlight();
    }

    public int queued() {
        return slots.queued();
    }

    public String name() {
        return name;
    }

    public String upstreamModel() {
        return upstreamModel;
    }

    /** The URL that is called, for logs (never for clients: it is internal). */
    public String url() {
        return url;
    }

    public Duration timeout() {
        return timeout;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    public UpstreamChatApi api() {
        return api;
    }
}
