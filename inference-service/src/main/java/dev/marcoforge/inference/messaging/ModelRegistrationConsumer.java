package dev.marcoforge.inference.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.inference.upstream.BackendRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Loads the checkpoints registered on {@code marco.models}. Every replica reads the whole (compacted) topic with
 * a group of its own, so each serves every registered model. A registration that cannot be read or loaded throws,
 * and the dead-letter strategy moves it to {@code marco.models.dlq} with the reason.
 */
@ApplicationScoped
public class ModelRegistrationConsumer {

    private final BackendRegistry backends;

    public ModelRegistrationConsumer(BackendRegistry backends) {
        this.backends = backends;
    }

    @Incoming("models")
    @Blocking
    public void onRegistration(String message) {
        backends.register(MessageCodec.decode(message, ModelRegistration.class));
    }
}
