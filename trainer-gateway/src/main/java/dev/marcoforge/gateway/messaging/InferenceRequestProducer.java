package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.openai.InferenceRequestSender;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes chat completions to run to {@code marco.inference.requests}, keyed by request id. */
@ApplicationScoped
public class InferenceRequestProducer implements InferenceRequestSender {

    private final MutinyEmitter<Record<String, String>> emitter;

    public InferenceRequestProducer(
            @Channel("inference-requests") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Uni<Void> send(InferenceRequest request) {
        return emitter.send(Record.of(request.requestId(), MessageCodec.encode(request)));
    }
}
