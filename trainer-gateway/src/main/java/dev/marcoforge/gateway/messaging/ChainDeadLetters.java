package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Moves one unreadable chain of a poll to {@code marco.chains.dlq}, with the headers the channel's own dead-letter
 * strategy writes ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}),
 * so one poison message does not take the good chains of its poll with it. The send is awaited: the poll is
 * acknowledged only after its dead letters are on the broker.
 */
@ApplicationScoped
public class ChainDeadLetters {

    private static final Logger LOG = Logger.getLogger(ChainDeadLetters.class);

    private final MutinyEmitter<String> emitter;

    public ChainDeadLetters(@Channel("chains-dead-letters") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void send(ConsumerRecord<String, String> record, RuntimeException reason) {
        LOG.warnf("chain at %s-%d offset %d goes to %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.deadLetter(Topics.CHAINS), reason.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(reason.getMessage()));
        if (reason.getCause() != null && reason.getCause().getMessage() != null) {
            headers.add("dead-letter-cause", bytes(reason.getCause().getMessage()));
        }
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers)
                .build();
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
