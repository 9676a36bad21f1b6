package dev.marcoforge.critic.messaging;

import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.critic.service.CriticService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Reads nodes to write from {@code marco.critic.requests} and answers on {@code marco.critic.results}, keyed by
 * problem id. Requests are handled concurrently and unordered: each result carries its request id, and a slow
 * model call must not hold up the other problems (the model client bounds the concurrency). A message that cannot
 * be read throws, so the channel's dead-letter strategy moves it to {@code marco.critic.requests.dlq} with the
 * reason, and consumption goes on.
 */
@ApplicationScoped
public class CriticRequestConsumer {

    private final CriticService critic;

    public CriticRequestConsumer(CriticService critic) {
        this.critic = critic;
    }

    @Incoming("critic-requests")
    @Outgoing("critic-results")
    @Blocking(ordered = false)
    public Record<String, String> onRequest(Record<String, String> message) {
        CriticRequest request = MessageCodec.decode(message.value(), CriticRequest.class);
        CriticResult result = critic.write(request);
        return Record.of(request.problemId(), MessageCodec.encode(result));
    }
}
