package dev.marcoforge.inference.messaging;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.inference.config.InferenceConfig;
import dev.marcoforge.inference.service.InferenceService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads chat completions to run from {@code marco.inference.requests} and answers on
 * {@code marco.inference.results}, keyed by request id. Requests run concurrently and unordered (each backend
 * bounds its own concurrency): the method starts a request and returns at once, without a thread waiting on the
 * upstream (at most {@code marco.inference.max-taken-up} at once, see {@link TakenUpLimit}); the message is
 * acknowledged only once all its results are written to the broker. A message that cannot
 * be read, or whose results cannot be written, is nacked with the reason, so the channel's dead-letter strategy
 * moves it to {@code marco.inference.requests.dlq}, and consumption goes on.
 */
@ApplicationScoped
public class InferenceRequestConsumer {

    private final InferenceService inference;
    private final MutinyEmitter<Record<String, String>> results;
    private final TakenUpLimit limit;

    public InferenceRequestConsumer(InferenceService inference,
            @Channel("inference-results") MutinyEmitter<Record<String, String>> results, InferenceConfig config,
            MeterRegistry meters) {
        this.inference = inference;
        this.results = results;
        this.limit = new TakenUpLimit(config.maxTakenUp());
        meters.gauge("marco.inference.requests.taken.up", limit, TakenUpLimit::running);
    }

    @Incoming("inference-requests")
    public CompletionStage<Void> onRequest(Message<String> message) {
        InferenceRequest request;
        try {
            request = MessageCodec.decode(message.getPayload(), InferenceRequest.class);
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        CompletionStage<Void> next = limit.enter();
        inference.run(request, this::publish).subscribe().with(done -> {
            limit.leave();
            message.ack();
        }, failure -> {
            limit.leave();
            message.nack(failure);
        });
        return next;
    }

    private Uni<Void> publish(InferenceResult result) {
        return results.send(Record.of(result.requestId(), MessageCodec.encode(result)));
    }
}
