package dev.marcoforge.generator.model;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * REST clients per model URL. URLs come with jobs at run time, so clients are built programmatically and kept, one
 * per URL and timeout, to reuse their connection pools.
 */
@ApplicationScoped
public class ModelClients {

    private final Map<String, ModelHttpApi> clients = new ConcurrentHashMap<>();

    public ModelHttpApi forEndpoint(ModelEndpoint endpoint) {
        return clients.computeIfAbsent(endpoint.url() + "|" + endpoint.timeout(),
                key -> build(endpoint.url(), endpoint.timeout()));
    }

    private static ModelHttpApi build(String url, Duration timeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(ModelHttpApi.class);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(client -> {
            if (client instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException ignored) {
                    // shutting down
                }
            }
        });
        clients.clear();
    }
}
