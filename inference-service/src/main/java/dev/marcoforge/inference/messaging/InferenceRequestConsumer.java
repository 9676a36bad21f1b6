package dev.marcoforge.inference.messaging;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.inference.service.InferenceService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads chat completions to run from {@code marco.inference.requests} and answers on
 * {@code marco.inference.results}, keyed by request id. Requests run concurrently and unordered (each backend
 * bounds its own concurrency): the method starts a request and returns at once, without a thread waiting on the
 * upstream; the message is acknowledged only once all its results are written to the broker. A message that cannot
 * be read, or whose results cannot be written, is nacked with the reason, so the channel's dead-letter strategy
 * moves it to {@code marco.inference.requests.dlq}, and consumption goes on.
 */
@ApplicationScoped
public class InferenceRequestConsumer {

    private static final CompletableFuture<Void> TAKEN_UP = CompletableFuture.completedFuture(null);

    private final InferenceService inference;
    private final MutinyEmitter<Record<String, String>> results;

    public InferenceRequestConsumer(InferenceService inference,
            @Channel("inference-results") MutinyEmitter<Record<String, String>> results) {
        this.inference = inference;
        this.results = results;
    }

    @Incoming("inference-requests")
    public CompletionStage<Void> onRequest(Message<String> message) {
        InferenceRequest request;
        try {
            request = MessageCodec.decode(message.getPayload(), InferenceRequest.class);
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        inference.run(request, this::publish).subscribe().with(done -> message.ack(), message::nack);
        return TAKEN_UP;
    }

    private Uni<Void> publish(InferenceResult result) {
        return results.send(Record.of(result.requestId(), MessageCodec.encode(result)));
    }
}
