package dev.marcoforge.sandbox.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Simulator configurations for the HTTP tests; each one boots its own application. */
final class Profiles {

    private Profiles() {
    }

    /** No mistakes at all, so every chain must reach the reference solution. */
    public static class Flawless implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.error.skip-letter-rate", "0", "sandbox.error.wrong-sum-rate", "0");
        }
    }

    /** Every spelling pass slips and nobody catches it. */
    public static class SloppyUnchecked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.error.skip-letter-rate", "1.0", "sandbox.error.wrong-sum-rate", "0",
                    "sandbox.critic.catch-rate", "0");
        }
    }

    /** Every spelling pass slips and the critic catches every mistake. */
    public static class SloppyWithSharpCritic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.error.skip-letter-rate", "1.0", "sandbox.error.wrong-sum-rate", "0",
                    "sandbox.critic.catch-rate", "1.0");
        }
    }

    /** Mistakes often enough that a sample of chains holds both right and wrong answers; some are caught. */
    public static class Erratic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.error.skip-letter-rate", "0.3", "sandbox.error.wrong-sum-rate", "0.2",
                    "sandbox.critic.catch-rate", "0.7");
        }
    }

    /** One slot, slow calls and a short queue: a saturated server. */
    public static class Saturated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.max-concurrent-requests", "1", "sandbox.latency.per-call", "1500ms",
                    "sandbox.queue-timeout", "100ms");
        }
    }
}
