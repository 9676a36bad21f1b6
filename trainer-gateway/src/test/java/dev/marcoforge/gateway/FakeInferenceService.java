package dev.marcoforge.gateway;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.testing.KafkaBrokerResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the inference service over the real broker: reads {@code marco.inference.requests} and answers on
 * {@code marco.inference.results}. The last message's content picks the behaviour: {@code fail:<status>} answers
 * with an error, {@code silence} never answers, {@code chunks} answers in two chunks, {@code slow} answers after a
 * random delay; anything else is echoed. A streamed request ({@code stream: true}) is answered in chunks: the
 * echo (or, for {@code marco}, a Marco-tagged text cut through its tags) in small pieces per choice, a closing
 * result with the usage; {@code fail-mid-stream} sends one chunk then an error; {@code slow-stream} sends a chunk
 * every 200 ms for 10 s. A raw prompt (legacy completion) is echoed as {@code "text: <prompt>"}.
 */
final class FakeInferenceService implements AutoCloseable {

    private final Map<String, InferenceRequest> seen = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);
    private final KafkaProducer<String, String> producer;
    private final Thread loop;
    private volatile boolean running = true;

    FakeInferenceService() {
        var producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerProps);
        loop = new Thread(this::consume, "fake-inference-service");
        loop.setDaemon(true);
        loop.start();
    }

    InferenceRequest request(String requestId) {
        return seen.get(requestId);
    }

    String key(String requestId) {
        return keys.get(requestId);
    }

    /** Sends a result as if for another gateway replica's request (or any raw text). */
    void publishRaw(String key, String value) {
        producer.send(new ProducerRecord<>(Topics.INFERENCE_RESULTS, key, value));
        producer.flush();
    }

    private void consume() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-inference-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            consumer.subscribe(List.of(Topics.INFERENCE_REQUESTS));
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    var request = MessageCodec.decode(record.value(), InferenceRequest.class);
                    seen.put(request.requestId(), request);
                    keys.put(request.requestId(), record.key());
                    answer(request);
                }
            }
        }
    }

    /** A Marco-o1 style answer: thoughts in tags, the answer in {@code <answer>}. */
    static final String MARCO_TEXT = "<sub-task>Count the letter r in strawberry.</sub-task>"
            + "<thinking>s-t-r-a-w-b-e-r-r-y has r at 3, 8 and 9.</thinking>"
            + "<double-check>Yes, three.</double-check><answer>There are 3.</answer>";

    private void answer(InferenceRequest request) {
        String prompt = request.rawPrompt() ? request.prompt()
                : request.messages().get(request.messages().size() - 1).content();
        String id = request.requestId();
        if (prompt.equals("silence")) {
            return;
        }
        if (request.stream()) {
            stream(request, prompt);
            return;
        }
        if (request.rawPrompt()) {
            List<InferenceResult.Choice> texts = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                texts.add(new InferenceResult.Choice(i, "text: " + prompt, "length"));
            }
            publish(InferenceResult.complete(id, request.model(), texts, new InferenceResult.Usage(2, 3, 5)));
            return;
        }
        if (prompt.equals("marco")) {
            publish(InferenceResult.complete(id, request.model(),
                    List.of(new InferenceResult.Choice(0, MARCO_TEXT, "stop")), new InferenceResult.Usage(4, 40, 44)));
            return;
        }
        if (prompt.startsWith("fail:")) {
            int status = Integer.parseInt(prompt.substring(5));
            publish(InferenceResult.failed(id, request.model(),
                    new InferenceResult.Error(status, "server_error", "the model server is unreachable",
                            "upstream_unavailable")));
            return;
        }
        if (prompt.equals("chunks")) {
            publish(new InferenceResult(1, id, 0, false, request.model(),
                    List.of(new InferenceResult.Choice(0, "Hello, ", null)), null, null));
            publish(new InferenceResult(1, id, 1, true, request.model(),
                    List.of(new InferenceResult.Choice(0, "world.", "length")), new InferenceResult.Usage(2, 4, 6),
                    null));
            return;
        }
        List<InferenceResult.Choice> choices = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            choices.add(new InferenceResult.Choice(i, "echo " + i + ": " + prompt, "stop"));
        }
        var result = InferenceResult.complete(id, request.model(), choices, new InferenceResult.Usage(3, 5, 8));
        if (prompt.startsWith("slow")) {
            delays.schedule(() -> publish(result), ThreadLocalRandom.current().nextInt(50, 800), TimeUnit.MILLISECONDS);
        } else {
            publish(result);
        }
    }

    private void stream(InferenceRequest request, String prompt) {
        String id = request.requestId();
        if (prompt.startsWith("fail:")) {
            publish(InferenceResult.failed(id, request.model(), new InferenceResult.Error(
                    Integer.parseInt(prompt.substring(5)), "server_error", "the model server is unreachable",
                    "upstream_unavailable")));
            return;
        }
        if (prompt.equals("slow-stream")) {
            var sequence = new java.util.concurrent.atomic.AtomicLong();
            var ticks = delays.scheduleAtFixedRate(() -> {
                long at = sequence.getAndIncrement();
                publish(new InferenceResult(1, id, at, false, request.model(),
                        List.of(new InferenceResult.Choice(0, "tick " + at + " ", null)), null, null));
            }, 0, 200, TimeUnit.MILLISECONDS);
            delays.schedule(() -> {
                ticks.cancel(false);
                publish(new InferenceResult(1, id, sequence.get(), true, request.model(), List.of(), null, null));
            }, 10, TimeUnit.SECONDS);
            return;
        }
        long sequence = 0;
        if (prompt.equals("fail-mid-stream")) {
            publish(new InferenceResult(1, id, sequence, false, request.model(),
                    List.of(new InferenceResult.Choice(0, "Hello", null)), null, null));
            publish(new InferenceResult(1, id, sequence + 1, true, request.model(), List.of(), null,
                    new InferenceResult.Error(502, "server_error", "the upstream broke off", "upstream_error")));
            return;
        }
        String text = prompt.equals("marco") ? MARCO_TEXT
                : request.rawPrompt() ? "text: " + prompt : "echo: " + prompt;
        // Pieces of 5 characters, so tags are cut across chunks as a real tokenizer would.
        for (int start = 0; start < text.length(); start += 5) {
            String piece = text.substring(start, Math.min(text.length(), start + 5));
            boolean end = start + 5 >= text.length();
            List<InferenceResult.Choice> choices = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                choices.add(new InferenceResult.Choice(i, piece, end ? "stop" : null));
            }
            publish(new InferenceResult(1, id, sequence++, false, request.model(), choices, null, null));
        }
        publish(new InferenceResult(1, id, sequence, true, request.model(), List.of(),
                new InferenceResult.Usage(4, 12, 16), null));
    }

    private void publish(InferenceResult result) {
        producer.send(new ProducerRecord<>(Topics.INFERENCE_RESULTS, result.requestId(),
                MessageCodec.encode(result)));
        producer.flush();
    }

    /** The requests received whose last message says {@code content}. */
    java.util.List<InferenceRequest> requestsSaying(String content) {
        return seen.values().stream().filter(r -> !r.messages().isEmpty()
                && content.equals(r.messages().get(r.messages().size() - 1).content())).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(5000);
        delays.shutdownNow();
        producer.close();
    }
}
