package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.gateway.openai.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Lists the trained checkpoints registered on {@code marco.models} in {@code /v1/models}. Each replica reads the
 * whole compacted topic with a group of its own; an unreadable registration goes to {@code marco.models.dlq}.
 */
@ApplicationScoped
public class ModelRegistrationConsumer {

    private final ModelCatalog catalog;

    public ModelRegistrationConsumer(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Incoming("models")
    public void onRegistration(String message) {
        catalog.register(MessageCodec.decode(message, ModelRegistration.class));
    }
}
