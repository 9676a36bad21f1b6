package dev.marcoforge.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the generator itself. */
@ConfigMapping(prefix = "marco.generator")
public interface GeneratorConfig {

    /**
     * Whether to pick up unfinished problems when the service starts: re-publish what they wait for, continue the
     * ones that were between two steps. Duplicates this causes are dropped by the idempotent steps.
     */
    @WithDefault("true")
    boolean resumeOnStart();

    /** How many steps one rollout may take before it is stopped as runaway; guards against cyclic action trees. */
    @WithDefault("64")
    int maxStepsPerRollout();

    /** Threads that advance searches (each runs one problem's steps, model calls included, at a time). */
    @WithDefault("128")
    int workers();

    /**
     * Model requests in flight at once per role and server, over all problems (the policy's, and any role's the
     * config defines without its own {@code max_in_flight}); the rest wait for a slot.
     */
    @WithDefault("64")
    int maxInFlightPolicyRequests();

    /**
     * How long a chain or search result may stay unacknowledged in the outbox before any instance sends it again
     * (after a crash of its sender).
     */
    @WithDefault("15s")
    java.time.Duration outboxResendAfter();

    /**
     * How often a model server that stayed down after a call's retries is tried again. Its searches wait (the job
     * shows as paused, naming the server) instead of failing.
     */
    @WithDefault("5s")
    java.time.Duration backendProbeInterval();

    /**
     * How many running problems' trees are kept in memory between steps (a step whose tree is not there loads it
     * from the database). A tree of the demo config takes some tens of kB.
     */
    @WithDefault("2048")
    int treeCacheSize();

    /**
     * How long a search step keeps being tried again (with growing pauses, up to 10 s apart) while the database
     * fails for reasons of its connection, such as a PostgreSQL restart or fail-over; the problem fails only after.
     */
    @WithDefault("2m")
    java.time.Duration databaseRetryFor();
}
