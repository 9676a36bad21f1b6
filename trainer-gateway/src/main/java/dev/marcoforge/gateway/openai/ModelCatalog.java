package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The model names the gateway serves: those of its configuration, and the trained checkpoints registered on
 * {@code marco.models} (which the inference services load).
 */
@ApplicationScoped
public class ModelCatalog {

    static final String OWNER = "marco-forge";

    private final List<String> configured;
    // Configured models have no creation date of their own; the gateway's start stands in for it.
    private final long created = Instant.now().getEpochSecond();
    private final Map<String, Long> registered = new ConcurrentSkipListMap<>();

    public ModelCatalog(GatewayConfig config) {
        this.configured = config.models().stream().map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
    }

    /** Lists (or, when removed, stops listing) a registered model. Configured names are never replaced. */
    public void register(ModelRegistration registration) {
        if (configured.contains(registration.name())) {
            return;
        }
        if (registration.removed()) {
            registered.remove(registration.name());
        } else {
            registered.put(registration.name(), registration.createdEpochSeconds());
        }
    }

    public boolean serves(String model) {
        return configured.contains(model) || registered.containsKey(model);
    }

    /** Whether the model is a trained checkpoint (it writes Marco's tags) rather than a configured one. */
    public boolean isRegistered(String model) {
        return registered.containsKey(model);
    }

    public ModelList list() {
        return list(m -> true);
    }

    /** @throws OpenAiException 404 {@code model_not_found} when the model is not served */
    public void requireServed(String model) {
        if (!serves(model)) {
            throw new OpenAiException(404, OpenAiException.INVALID_REQUEST,
                    "The model '" + model + "' does not exist; available: " + names(), "model", "model_not_found");
        }
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(configured);
        registered.keySet().stream().filter(n -> !configured.contains(n)).forEach(names::add);
        return names;
    }

    /** The listing restricted to the models {@code allowed} accepts. */
    public ModelList list(Predicate<String> allowed) {
        List<ModelList.Model> models = new ArrayList<>();
        for (String name : names()) {
            if (allowed.test(name)) {
                models.add(new ModelList.Model(name, "model", registered.getOrDefault(name, created), OWNER));
            }
        }
        return new ModelList("list", models);
    }
}
