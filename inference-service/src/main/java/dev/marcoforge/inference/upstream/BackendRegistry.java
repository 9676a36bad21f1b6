package dev.marcoforge.inference.upstream;

import dev.marcoforge.inference.config.InferenceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The served models by name, built from {@code marco.inference.models} at start-up. */
@ApplicationScoped
public class BackendRegistry {

    private static final Logger LOG = Logger.getLogger(BackendRegistry.class);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Backend> byName = new TreeMap<>();

    public BackendRegistry(InferenceConfig config, MeterRegistry meters) {
        config.models().forEach((name, settings) -> {
            Backend backend = build(name, settings);
            byName.put(name, backend);
            Gauge.builder("marco.inference.in_flight", backend, Backend::inFlight).tag("model", name)
                    .description("upstream calls running").register(meters);
            Gauge.builder("marco.inference.queued", backend, Backend::queued).tag("model", name)
                    .description("requests waiting for a free upstream slot").register(meters);
        });
        if (byName.isEmpty()) {
            LOG.warn("no model is configured (marco.inference.models.<name>.base-url); every request will fail");
        }
    }

    public Optional<Backend> find(String model) {
        return Optional.ofNullable(byName.get(model));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    private static Backend build(String name, InferenceConfig.Backend settings) {
        if (settings.maxConcurrency() < 1) {
            throw new IllegalArgumentException("marco.inference.models." + name
                    + ".max-concurrency must be at least 1, got " + settings.maxConcurrency());
        }
        String base = settings.baseUrl().strip().replaceAll("/+$", "");
        URI uri = URI.create(base);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("marco.inference.models." + name
                    + ".base-url is not an http(s) URL: '" + settings.baseUrl() + "'");
        }
        long timeout = settings.timeout().toMillis();
        var builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(uri)
                .connectTimeout(Math.min(timeout, MAX_CONNECT_TIMEOUT.toMillis()), TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                // Error statuses come back as responses, so the upstream's own message can be passed on.
                .disableDefaultMapper(true);
        settings.apiKey().filter(k -> !k.isBlank()).ifPresent(key -> builder.register(new BearerTokenFilter(key)));
        String upstreamModel = settings.upstreamModel().filter(m -> !m.isBlank()).orElse(name);
        LOG.infof("model '%s' -> %s/chat/completions as '%s' (max %d in flight, timeout %s)", name, base,
                upstreamModel, settings.maxConcurrency(), settings.timeout());
        return new Backend(name, upstreamModel, base + "/chat/completions", settings.timeout(),
                settings.maxConcurrency(), builder.build(UpstreamChatApi.class));
    }

    @PreDestroy
    void close() {
        byName.values().forEach(backend -> {
            try {
                backend.api().close();
            } catch (Exception e) {
                LOG.debugf("closing the client of '%s' failed: %s", backend.name(), e.getMessage());
            }
        });
    }
}
