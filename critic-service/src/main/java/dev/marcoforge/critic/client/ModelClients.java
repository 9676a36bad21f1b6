package dev.marcoforge.critic.client;

import dev.marcoforge.critic.config.CriticConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * REST clients per endpoint. Endpoints arrive at run time (a request may name its own), so clients are built
 * programmatically and kept, since building one per call would open a connection pool per call.
 */
@ApplicationScoped
public class ModelClients {

    private static final Logger LOG = Logger.getLogger(ModelClients.class);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final CriticConfig config;
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

    public ModelClients(CriticConfig config) {
        this.config = config;
    }

    OpenAiChatApi chat(ModelEndpoint endpoint, boolean withApiKey) {
        return client(OpenAiChatApi.class, endpoint, withApiKey);
    }

    MarcoGenerateApi generate(ModelEndpoint endpoint, boolean withApiKey) {
        return client(MarcoGenerateApi.class, endpoint, withApiKey);
    }

    private <T extends AutoCloseable> T client(Class<T> api, ModelEndpoint endpoint, boolean withApiKey) {
        String key = api.getSimpleName() + " " + endpoint.url() + (withApiKey ? " +key" : "");
        return api.cast(clients.computeIfAbsent(key, k -> build(api, endpoint.clientBase(), withApiKey)));
    }

    private <T> T build(Class<T> api, URI base, boolean withApiKey) {
        long timeout = config.timeout().toMillis();
        var builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(Math.min(timeout, MAX_CONNECT_TIMEOUT.toMillis()), TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                // Error statuses come back as responses, so the caller can quote the server's message.
                .disableDefaultMapper(true);
        if (withApiKey && config.apiKey().filter(k -> !k.isBlank()).isPresent()) {
            builder.register(new BearerTokenFilter(config.apiKey().get()));
        }
        return builder.build(api);
    }

    @PreDestroy
    void closeAll() {
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception e) {
                LOG.debugf("closing a model client failed: %s", e.getMessage());
            }
        });
        clients.clear();
    }
}
