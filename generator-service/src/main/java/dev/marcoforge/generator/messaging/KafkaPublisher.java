package dev.marcoforge.generator.messaging;

import dev.marcoforge.contracts.Topics;
import dev.marcoforge.generator.search.MessageSink;
import dev.marcoforge.generator.search.OutboundMessage;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends the search's messages to their topics, keyed by problem id. A send that fails is logged: the state that
 * asked for it is committed, and the start-up resume sends it again.
 */
@ApplicationScoped
public class KafkaPublisher implements MessageSink {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);

    private final Map<String, Emitter<Record<String, String>>> byTopic;
    private final OutboxCleaner outbox;

    public KafkaPublisher(OutboxCleaner outbox,
            @Channel("search-requests-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Record<String, String>> searchRequests,
            @Channel("critic-requests") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Record<String, String>> criticRequests,
            @Channel("verify-requests") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Record<String, String>> verifyRequests,
            @Channel("chains") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Record<String, String>> chains,
            @Channel("search-results") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Record<String, String>> searchResults) {
        this.outbox = outbox;
        this.byTopic = Map.of(
                Topics.SEARCH_REQUESTS, searchRequests,
                Topics.CRITIC_REQUESTS, criticRequests,
                Topics.VERIFY_REQUESTS, verifyRequests,
                Topics.CHAINS, chains,
                Topics.SEARCH_RESULTS, searchResults);
    }

    @Override
    public void publish(List<OutboundMessage> messages) {
        for (OutboundMessage message : messages) {
            Emitter<Record<String, String>> emitter = byTopic.get(message.topic());
            if (emitter == null) {
                throw new IllegalStateException("no channel publishes to " + message.topic());
            }
            emitter.send(Record.of(message.key(), message.json())).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.errorf(failure, "could not publish to %s (key %s)", message.topic(), message.key());
                } else if (message.outboxId() != null) {
                    outbox.acknowledged(message.outboxId());
                }
            });
        }
    }
}
