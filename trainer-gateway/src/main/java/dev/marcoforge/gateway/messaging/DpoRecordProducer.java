package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.dataset.DpoRecordPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes DPO records to {@code marco.datasets.dpo}, keyed by problem id. */
@ApplicationScoped
public class DpoRecordProducer implements DpoRecordPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<Record<String, String>> emitter;

    public DpoRecordProducer(@Channel("datasets-dpo") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    /** Waits for the broker's acknowledgement, so a record that was not sent fails the transaction that made it. */
    @Override
    public void publish(DpoRecord record) {
        emitter.send(Record.of(record.problemId(), MessageCodec.encode(record))).await().atMost(SEND_TIMEOUT);
    }
}
