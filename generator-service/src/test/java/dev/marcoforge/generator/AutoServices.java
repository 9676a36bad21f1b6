package dev.marcoforge.generator;

import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.testing.KafkaBrokerResource;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays critic-service and verifier-service over the broker for problems whose id starts with {@link #PREFIX}: the
 * critic approves, the verifier compares the boxed number with the ground truth. Other problems are left to the
 * test, which answers them by hand.
 */
final class AutoServices implements AutoCloseable {

    static final String PREFIX = "auto_";
    private static final Pattern BOXED = Pattern.compile("boxed\\{([^}]*)}");

    static final double CRITIC_CONFIDENCE = 0.6;

    final AtomicInteger criticRequests = new AtomicInteger();
    /** The model each critic request named (the string "null" when it left critic-service's own). */
    final List<String> criticModels = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger verifyRequests = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    AutoServices() {
        thread = new Thread(this::loop, "auto-services");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        var consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "auto-services-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        var producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (var consumer = new KafkaConsumer<String, String>(consumerProps);
                var producer = new KafkaProducer<String, String>(producerProps)) {
            consumer.subscribe(List.of(Topics.CRITIC_REQUESTS, Topics.VERIFY_REQUESTS));
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(20))) {
                    if (!String.valueOf(record.key()).startsWith(PREFIX)) {
                        continue;
                    }
                    if (record.topic().equals(Topics.CRITIC_REQUESTS)) {
                        CriticRequest request = MessageCodec.decode(record.value(), CriticRequest.class);
                        criticRequests.incrementAndGet();
                        criticModels.add(String.valueOf(request.model()));
                        // Asked for confidences, the critic is surer than nobody and less sure than the policy.
                        var confidences = request.logprobs()
                                ? Collections.nCopies(request.n(), new TokenConfidence(CRITIC_CONFIDENCE * 7, 7))
                                : null;
                        CriticResult result = CriticResult.of(request,
                                Collections.nCopies(request.n(), " The spelling and the sum are right."),
                                "auto-critic", confidences);
                        producer.send(new ProducerRecord<>(Topics.CRITIC_RESULTS, request.problemId(),
                                MessageCodec.encode(result)));
                    } else {
                        VerifyRequest request = MessageCodec.decode(record.value(), VerifyRequest.class);
                        verifyRequests.incrementAndGet();
                        producer.send(new ProducerRecord<>(Topics.VERIFY_RESULTS, request.problemId(),
                                MessageCodec.encode(VerifyResult.of(request, judge(request)))));
                    }
                }
            }
        }
    }

    static Verdict judge(VerifyRequest request) {
        Matcher m = BOXED.matcher(request.answerText());
        String extracted = null;
        while (m.find()) {
            extracted = m.group(1).trim();
        }
        String truth = request.groundTruth().asText();
        return truth.equals(extracted) ? Verdict.correct(extracted, "boxed answer equals the truth")
                : Verdict.wrong(extracted, "boxed answer " + extracted + " differs from the truth " + truth);
    }

    @Override
    public void close() {
        running = false;
    }
}
