package dev.marcoforge.critic.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the critic model lives and how hard the service may push it. */
@ConfigMapping(prefix = "marco.critic")
public interface CriticConfig {

    /**
     * The critic model server: an OpenAI-compatible base URL ({@code .../v1}), or a Marco-o1 reference server URL
     * ending in {@code /generate}. A request's own {@code endpoint} overrides it.
     */
    @WithDefault("http://127.0.0.1:8090/v1")
    String baseUrl();

    /** The model name sent to an OpenAI-compatible server. */
    @WithDefault("sandbox-critic")
    String model();

    /** Bearer token for the configured base URL; never sent to a request's own endpoint. */
    Optional<String> apiKey();

    /** How long one model call may take before it counts as failed. */
    @WithDefault("60s")
    Duration timeout();

    /** Model calls in flight at once; further requests wait for a slot. */
    @WithDefault("8")
    int maxConcurrency();
}
