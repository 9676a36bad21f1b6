package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SftRecord;
import dev.marcoforge.gateway.dataset.SftRecordPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes SFT records to {@code marco.datasets.sft}, keyed by problem id. */
@ApplicationScoped
public class SftRecordProducer implements SftRecordPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<Record<String, String>> emitter;

    public SftRecordProducer(@Channel("datasets-sft") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    /** Waits for the broker's acknowledgement, so a record that was not sent fails the chain's transaction. */
    @Override
    public void publish(SftRecord record) {
        emitter.send(Record.of(record.problemId(), MessageCodec.encode(record))).await().atMost(SEND_TIMEOUT);
    }
}
