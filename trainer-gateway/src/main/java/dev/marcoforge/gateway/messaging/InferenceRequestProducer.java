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
    private final MutinyEmitter<Record<String, String>> cancels;

    public InferenceRequestProducer(
            @Channel("inference-requests") MutinyEmitter<Record<String, String>> emitter,
            @Channel("inference-cancels") MutinyEmitter<Record<String, String>> cancels) {
        this.emitter = emitter;
        this.cancels = cancels;
    }

    @Override
    public void cancel(String requestId, String reason) {
        cancels.send(Record.of(requestId, MessageCodec.encode(new dev.marcoforge.contracts.InferenceCancel(
                dev.marcoforge.contracts.InferenceCancel.SCHEMA_VERSION, requestId, reason))))
                .subscribe().with(sent -> { }, failure -> { });
    }

    @Override
    public Uni<Void> send(InferenceRequest request) {
        return emitter.send(Record.of(request.requestId(), MessageCodec.encode(request)));
    }
}
