package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Announces a trained checkpoint on {@code marco.models}, keyed by the served name. */
@ApplicationScoped
public class ModelRegistrationProducer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<Record<String, String>> emitter;

    public ModelRegistrationProducer(@Channel("models-out") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    public void publish(ModelRegistration registration) {
        emitter.send(Record.of(registration.name(), MessageCodec.encode(registration))).await().atMost(SEND_TIMEOUT);
    }
}
