package dev.marcoforge.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything tunable about the simulator; each key can also be set from the environment (SANDBOX_ERROR_...). */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    ErrorRates error();

    Critic critic();

    Policy policy();

    Latency latency();

    Stream stream();

    /** Requests served at once; more wait in a queue, as on a loaded inference server. */
    @WithDefault("64")
    int maxConcurrentRequests();

    /** How long a queued request waits for a slot before it is answered with 429. */
    @WithDefault("30s")
    Duration queueTimeout();

    /** Token budget when a request sets no max_tokens (the reference server's default). */
    @WithDefault("4096")
    int defaultMaxTokens();

    interface ErrorRates {

        /** Chance that one spelling pass skips or misreads a counted letter. */
        @WithDefault("0.15")
        double skipLetterRate();

        /** Chance that adding counts (or one arithmetic operation) gives a wrong result. */
        @WithDefault("0.1")
        double wrongSumRate();

        /** The rates apply in full from this temperature on and scale down linearly to none at 0. */
        @WithDefault("0.7")
        double fullRateTemperature();
    }

    interface Critic {

        /** Share of wrong results in the history that the critic's double-check catches and corrects. */
        @WithDefault("0.7")
        double catchRate();

        /** A requested model name containing this text (case-insensitive) is answered by the critic persona. */
        @WithDefault("critic")
        String modelMarker();
    }

    /** The long-thinking persona (the distilled long-CoT stand-in). */
    LongThinker longThinker();

    interface LongThinker {

        /** A requested model name containing this text (case-insensitive) is answered by the long thinker. */
        @WithDefault("longcot")
        String modelMarker();

        /** Mean number of "Wait" restarts per answer (the Open-R1 average the Marco-o1 v2 paper cites). */
        @WithDefault("16")
        int meanRestarts();
    }

    interface Policy {

        /** The policy's own double-check catches at critic catch-rate times this factor. */
        @WithDefault("0.3")
        double catchRateFactor();
    }

    interface Latency {

        /** Added once per request, before the first token (time to first token). */
        @WithDefault("0ms")
        Duration perCall();

        /** Added per generated token; choices of one request are generated side by side. */
        @WithDefault("0ms")
        Duration perToken();
    }

    interface Stream {

        /** Tokens per streamed content delta. */
        @WithDefault("3")
        int tokensPerChunk();
    }
}
