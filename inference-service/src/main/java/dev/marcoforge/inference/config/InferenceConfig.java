package dev.marcoforge.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The served models, each backed by an OpenAI-compatible upstream or by an embedded checkpoint; more embedded
 * models arrive at run time as registrations on {@code marco.models}.
 */
@ConfigMapping(prefix = "marco.inference")
public interface InferenceConfig {

    /** Model name as clients ask for it -> its upstream or checkpoint. */
    Map<String, Backend> models();

    /** The embedded model engine (DJL with the PyTorch CPU engine). */
    Embedded embedded();

    /**
     * Requests taken up from the topic and not yet finished, over all models; beyond it the consumer stops taking
     * more until one finishes, so a burst waits in Kafka instead of in memory.
     */
    @WithDefault("1024")
    int maxTakenUp();

    interface Embedded {

        /**
         * PyTorch threads per sampling call. One is fastest for a small model (its operations are too small to
         * split); concurrent requests use the other cores.
         */
        @WithDefault("1")
        int threads();

        /** Where the CPU libtorch bundled in the jar is unpacked (the run folder in the local platform). */
        @WithDefault("${java.io.tmpdir}/marco-djl-cache")
        String cacheDir();

        /** Most new tokens of one answer when a request names no limit (the context bounds it anyway). */
        @WithDefault("1024")
        int defaultMaxTokens();
    }

    interface Backend {

        /** OpenAI-compatible base URL, such as {@code http://127.0.0.1:8000/v1}; or give {@link #checkpoint()}. */
        Optional<String> baseUrl();

        /** A checkpoint folder of the embedded small model (config.json, tokenizer.json, weights.ndlist). */
        Optional<String> checkpoint();

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
