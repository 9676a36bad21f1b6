package dev.marcoforge.gateway.openai;

import dev.marcoforge.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The model names the gateway serves, from configuration. */
@ApplicationScoped
public class ModelCatalog {

    static final String OWNER = "marco-forge";

    private final List<String> models;
    // Configured models have no creation date of their own; the gateway's start stands in for it.
    private final long created = Instant.now().getEpochSecond();

    public ModelCatalog(GatewayConfig config) {
        this.models = config.models().stream().map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
    }

    public boolean serves(String model) {
        return models.contains(model);
    }

    public ModelList list() {
        return new ModelList("list",
                models.stream().map(id -> new ModelList.Model(id, "model", created, OWNER)).toList());
    }

    /** @throws OpenAiException 404 {@code model_not_found} when the model is not served */
    public void requireServed(String model) {
        if (!serves(model)) {
            throw new OpenAiException(404, OpenAiException.INVALID_REQUEST,
                    "The model '" + model + "' does not exist; available: " + models, "model", "model_not_found");
        }
    }

    public List<String> names() {
        return models;
    }

    /** The listing restricted to the models {@code allowed} accepts. */
    public ModelList list(java.util.function.Predicate<String> allowed) {
        return new ModelList("list", models.stream().filter(allowed)
                .map(id -> new ModelList.Model(id, "model", created, OWNER)).toList());
    }
}
