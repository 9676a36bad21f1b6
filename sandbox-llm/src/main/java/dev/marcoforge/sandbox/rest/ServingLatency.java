package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Sleeps like a loaded server would take to answer; runs on worker threads only. */
@ApplicationScoped
public class ServingLatency {

    private final Duration perCall;
    private final Duration perToken;

    public ServingLatency(SandboxConfig config) {
        this.perCall = config.latency().perCall();
        this.perToken = config.latency().perToken();
    }

    public void beforeFirstToken() {
        sleep(perCall.toNanos());
    }

    /** Choices of one request are generated side by side, so a request costs its longest choice. */
    public void forTokens(int tokens) {
        sleep(perToken.toNanos() * tokens);
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
