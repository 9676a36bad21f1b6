package dev.marcoforge.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The served models, each backed by an OpenAI-compatible upstream. */
@ConfigMapping(prefix = "marco.inference")
public interface InferenceConfig {

    /** Model name as clients ask for it -> its upstream. */
    Map<String, Backend> models();

    interface Backend {

        /** OpenAI-compatible base URL, such as {@code http://127.0.0.1:8000/v1}. */
        String baseUrl();

        /** The model's name at the upstream; the served name when absent. */
        Optional<String> upstreamModel();

        /** Bearer token for the upstream. */
        Optional<String> apiKey();

        /** Calls in flight at once; further requests queue in arrival order. */
        @WithDefault("16")
        int maxConcurrency();

        /** How long one upstream call (for a stream: the wait for each next chunk) may take. */
        @WithDefault("120s")
        Duration timeout();
    }
}
