package dev.marcoforge.inference.upstream;

import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.inference.config.InferenceConfig;
import dev.marcoforge.inference.embedded.EmbeddedModel;
import dev.marcoforge.model.ModelRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The served models by name: those of {@code marco.inference.models} (upstreams or checkpoints) from start-up, and
 * the checkpoints registered later on {@code marco.models}.
 */
@ApplicationScoped
public class BackendRegistry {

    private static final Logger LOG = Logger.getLogger(BackendRegistry.class);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Registered models get the defaults of a configured one. */
    private static final Duration REGISTERED_TIMEOUT = Duration.ofSeconds(120);
    private static final int REGISTERED_CONCURRENCY = 4;

    private final Map<String, Backend> byName = new ConcurrentHashMap<>();
    private final Set<String> configured = ConcurrentHashMap.newKeySet();
    private final InferenceConfig config;
    private final MeterRegistry meters;

    public BackendRegistry(InferenceConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        config.models().forEach((name, settings) -> {
            put(build(name, settings));
            configured.add(name);
        });
        if (byName.isEmpty()) {
            LOG.warn("no model is configured (marco.inference.models.<name>.base-url or .checkpoint); requests fail"
                    + " until a model is registered on marco.models");
        }
    }

    public Optional<Backend> find(String model) {
        return Optional.ofNullable(byName.get(model));
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /**
     * Serves (or stops serving) a registered checkpoint. A configured model cannot be replaced by a registration.
     *
     * @throws IllegalArgumentException naming the fault when the checkpoint cannot be loaded
     */
    public void register(ModelRegistration registration) {
        String name = registration.name();
        if (configured.contains(name)) {
            throw new IllegalArgumentException("model '" + name + "' is configured in marco.inference.models; a "
                    + "registration cannot replace it");
        }
        if (registration.removed()) {
            Backend gone = byName.remove(name);
            if (gone != null) {
                retire(gone);
                LOG.infof("model '%s' is no longer served", name);
            }
            return;
        }
        Backend current = byName.get(name);
        Path checkpoint = Path.of(registration.checkpoint()).toAbsolutePath().normalize();
        if (current != null && current.isEmbedded() && current.embeddedModel().checkpoint().equals(checkpoint)) {
            return;
        }
        startEngine();
        EmbeddedModel model = EmbeddedModel.load(checkpoint);
        Backend fresh = Backend.embedded(name, model, REGISTERED_TIMEOUT, REGISTERED_CONCURRENCY);
        Backend replaced = put(fresh);
        LOG.infof("model '%s' -> embedded checkpoint %s (%,d parameters, context %d; training %s)", name, checkpoint,
                model.config().parameterCount(), model.config().contextLength(), registration.trainingId());
        if (replaced != null) {
            retire(replaced);
        }
    }

    private Backend put(Backend backend) {
        Backend replaced = byName.put(backend.name(), backend);
        if (replaced == null) {
            String name = backend.name();
            Gauge.builder("marco.inference.in_flight", byName, m -> m.containsKey(name) ? m.get(name).inFlight() : 0)
                    .tag("model", name).description("model calls running").register(meters);
            Gauge.builder("marco.inference.queued", byName, m -> m.containsKey(name) ? m.get(name).queued() : 0)
                    .tag("model", name).description("requests waiting for a free slot").register(meters);
        }
        return replaced;
    }

    /** Frees a replaced checkpoint once nothing samples from it any more (a running answer finishes first). */
    private static void retire(Backend backend) {
        if (!backend.isEmbedded()) {
            return;
        }
        Thread retiring = new Thread(() -> {
            try {
                while (backend.inFlight() > 0) {
                    Thread.sleep(200);
                }
                backend.embeddedModel().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "retire-" + backend.name());
        retiring.setDaemon(true);
        retiring.start();
    }

    private void startEngine() {
        ModelRuntime.engine(Path.of(config.embedded().cacheDir()));
        ModelRuntime.threads(config.embedded().threads());
    }

    private Backend build(String name, InferenceConfig.Backend settings) {
        String prefix = "marco.inference.models." + name;
        if (settings.maxConcurrency() < 1) {
            throw new IllegalArgumentException(prefix + ".max-concurrency must be at least 1, got "
                    + settings.maxConcurrency());
        }
        Optional<String> baseUrl = settings.baseUrl().filter(u -> !u.isBlank());
        Optional<String> checkpoint = settings.checkpoint().filter(c -> !c.isBlank());
        if (baseUrl.isPresent() == checkpoint.isPresent()) {
            throw new IllegalArgumentException(prefix + " needs exactly one of base-url (an OpenAI-compatible "
                    + "upstream) and checkpoint (an embedded model folder)");
        }
        if (checkpoint.isPresent()) {
            startEngine();
            EmbeddedModel model;
            try {
                model = EmbeddedModel.load(Path.of(checkpoint.get()).toAbsolutePath().normalize());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(prefix + ".checkpoint: " + e.getMessage(), e);
            }
            LOG.infof("model '%s' -> embedded checkpoint %s (%,d parameters, max %d in flight)", name,
                    model.checkpoint(), model.config().parameterCount(), settings.maxConcurrency());
            return Backend.embedded(name, model, settings.timeout(), settings.maxConcurrency());
        }
        String base = baseUrl.get().strip().replaceAll("/+$", "");
        URI uri = URI.create(base);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(prefix + ".base-url is not an http(s) URL: '" + baseUrl.get() + "'");
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
                if (backend.isEmbedded()) {
                    backend.embeddedModel().close();
                } else {
                    backend.api().close();
                }
            } catch (Exception e) {
                LOG.debugf("closing model '%s' failed: %s", backend.name(), e.getMessage());
            }
        });
    }
}
