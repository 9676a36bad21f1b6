package dev.marcoforge.inference.messaging;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.inference.service.InferenceService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads chat completions to run from {@code marco.inference.requests} and answers on
 * {@code marco.inference.results}, keyed by request id. A streamed request produces many results, so they go out
 * through an emitter; each send waits for the broker, so the request is acknowledged only once all its results
 * are written. Requests run concurrently and unordered (each backend bounds its own concurrency). A message that
 * cannot be read throws, so the channel's dead-letter strategy moves it to {@code marco.inference.requests.dlq}
 * with the reason, and consumption goes on.
 */
@ApplicationScoped
public class InferenceRequestConsumer {

    private final InferenceService inference;
    private final MutinyEmitter<Record<String, String>> results;

    public InferenceRequestConsumer(InferenceService inference,
            @Channel("inference-results") MutinyEmitter<Record<String, String>> results) {
        this.inference = inference;
        this.results = results;
    }

    @Incoming("inference-requests")
    @Blocking(ordered = false)
    public void onRequest(String message) {
        InferenceRequest request = MessageCodec.decode(message, InferenceRequest.class);
        inference.run(request, this::publish);
    }

    private void publish(InferenceResult result) {
        Uni<Void> sent = results.send(Record.of(result.requestId(), MessageCodec.encode(result)));
        sent.await().indefinitely();
    }
}
