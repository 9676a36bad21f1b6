package dev.marcoforge.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The model role the generator calls itself: the policy model. Critic nodes are written by critic-service with its
 * own configuration ({@code marco.critic.*}); the generator only forwards a job's critic URL override to it.
 */
@ConfigMapping(prefix = "marco.models")
public interface ModelRolesConfig {

    Role policy();

    /**
     * The model name the generator sends when it calls the critic's server ({@code url2}) itself, for an action that
     * names the critic role without being {@code special_model}; critic-service has its own setting.
     */
    @WithDefault("sandbox-critic")
    String criticModel();

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
