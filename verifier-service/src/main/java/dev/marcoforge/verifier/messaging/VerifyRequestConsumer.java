package dev.marcoforge.verifier.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.verifier.evaluation.VerificationService;
import dev.marcoforge.verifier.evaluation.VerificationService.Action;
import dev.marcoforge.verifier.evaluation.VerificationService.Decision;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Reads answers to check from {@code marco.verify.requests} a poll batch at a time and writes verdicts to
 * {@code marco.verify.results}, keyed by problem id. Batching is what gives the throughput (one database round
 * trip per batch instead of per request) and it keeps the dead-letter contract per message: a record that cannot
 * be read, or names an unknown evaluator or a malformed ground truth, goes to {@code marco.verify.requests.dlq}
 * alone, with the same {@code dead-letter-*} headers the connector's strategy writes, while the rest of its batch
 * is judged. The batch is acknowledged (offsets committed) only after the broker has acknowledged every verdict
 * and dead letter; the verdicts are then marked published (beside the next batch), so a redelivery is not
 * published again.
 */
@ApplicationScoped
public class VerifyRequestConsumer {

    private static final Logger LOG = Logger.getLogger(VerifyRequestConsumer.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final VerificationService verification;
    private final Emitter<String> results;
    private final Emitter<String> deadLetters;
    private final ExecutorService marker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "verdict-publication-marker");
        thread.setDaemon(true);
        return thread;
    });

    public VerifyRequestConsumer(VerificationService verification,
            @Channel("verify-results") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> results,
            @Channel("verify-dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> deadLetters) {
        this.verification = verification;
        this.results = results;
        this.deadLetters = deadLetters;
    }

    @Incoming("verify-requests")
    @Blocking
    public void onBatch(ConsumerRecords<String, String> records) {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        List<VerifyRequest> requests = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                requests.add(MessageCodec.decode(record.value(), VerifyRequest.class));
                sources.add(record);
            } catch (MessageCodec.MalformedMessageException e) {
                sends.add(deadLetter(record, e, e.getMessage()));
            }
        }
        List<Decision> decisions = verification.verifyBatch(requests);
        long judged = System.nanoTime();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            if (decision.action() != Action.PUBLISH) {
                continue;
            }
            sends.add(publish(decision.request().problemId(), MessageCodec.encode(decision.result())));
            published.add(decision.request().requestId());
            if (decision.deadLetterReason() != null) {
                sends.add(deadLetter(sources.get(i), new IllegalArgumentException(decision.deadLetterReason()),
                        decision.deadLetterReason()));
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Not acknowledged: the batch is nacked and redelivered; stored verdicts are re-published unchanged.
            throw new IllegalStateException("the broker did not acknowledge the verdicts of a batch of "
                    + records.count() + ": " + e.getMessage(), e);
        }
        // Marking runs beside the next batch: it only saves a re-publication of an identical verdict if a request
        // is redelivered, so the consumer need not wait for it (a lost mark costs at most that one repeat).
        marker.execute(() -> {
            try {
                verification.markPublished(published);
            } catch (RuntimeException e) {
                LOG.warnf("could not mark %d verdicts published (a redelivery would publish them again): %s",
                        published.size(), e.getMessage());
            }
        });
        if (LOG.isDebugEnabled()) {
            LOG.debugf("batch of %d: %d verdicts published; judged and stored in %d ms, sent in %d ms",
                    records.count(), published.size(), (judged - start) / 1_000_000,
                    (System.nanoTime() - judged) / 1_000_000);
        }
    }

    @PreDestroy
    void stopMarking() throws InterruptedException {
        marker.shutdown();
        marker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> publish(String key, String json) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        results.send(Message.of(json, Metadata.of(metadata), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, String> record, Throwable cause, String reason) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-exception-class-name", bytes(cause.getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(String.valueOf(record.partition())));
        headers.add("dead-letter-offset", bytes(String.valueOf(record.offset())));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers)
                .withTopic(Topics.deadLetter(Topics.VERIFY_REQUESTS)).build();
        deadLetters.send(Message.of(record.value() == null ? "" : record.value(), Metadata.of(metadata), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
