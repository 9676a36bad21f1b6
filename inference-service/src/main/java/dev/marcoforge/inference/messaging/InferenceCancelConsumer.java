package dev.marcoforge.inference.messaging;

import dev.marcoforge.contracts.InferenceCancel;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.inference.service.Cancellations;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code marco.inference.cancels}. Every replica reads every cancel (a group of its own), since any of them
 * may run the request; an unreadable message goes to {@code marco.inference.cancels.dlq}.
 */
@ApplicationScoped
public class InferenceCancelConsumer {

    private final Cancellations cancellations;

    public InferenceCancelConsumer(Cancellations cancellations) {
        this.cancellations = cancellations;
    }

    @Incoming("inference-cancels")
    public void onCancel(String message) {
        cancellations.cancel(MessageCodec.decode(message, InferenceCancel.class).requestId());
    }
}
