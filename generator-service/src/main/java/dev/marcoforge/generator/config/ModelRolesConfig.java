package dev.marcoforge.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The two model roles of a search. The generator calls the policy model itself; the critic role is written by
 * critic-service, so the generator only forwards a job's critic override to it.
 */
@ConfigMapping(prefix = "marco.models")
public interface ModelRolesConfig {

    Role policy();

    Role critic();

    interface Role {

        /** An OpenAI-compatible base URL ({@code .../v1}), or a URL ending in {@code /generate} (reference protocol). */
        @WithDefault("http://127.0.0.1:8090/v1")
        String baseUrl();

        /** The model name sent to an OpenAI-compatible server; the defaults are set per role in application.properties. */
        String model();

        Optional<String> apiKey();

        /** Bounds connecting and waiting for an answer, per attempt. */
        @WithDefault("60s")
        Duration timeout();
    }
}
