package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.openai.PendingCompletions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every inference result and hands those this instance waits for to their callers; the others belong to other
 * gateway replicas. A result that cannot be read goes to {@code marco.inference.results.dlq} (once per replica, as
 * every replica reads every result).
 */
@ApplicationScoped
public class InferenceResultConsumer {

    private static final Logger LOG = Logger.getLogger(InferenceResultConsumer.class);

    private final PendingCompletions pending;

    public InferenceResultConsumer(PendingCompletions pending) {
        this.pending = pending;
    }

    @Incoming("inference-results")
    public void onResult(String json) {
        InferenceResult result = MessageCodec.decode(json, InferenceResult.class);
        if (!pending.accept(result)) {
            LOG.tracef("result %s is not waited for here", result.requestId());
        }
    }
}
