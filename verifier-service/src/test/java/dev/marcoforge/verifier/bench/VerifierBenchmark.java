package dev.marcoforge.verifier.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.verifier.Evaluators;
import dev.marcoforge.verifier.evaluation.Evaluator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The verifier's throughput benchmark, run by {@code bench/verifier/run.sh}:
 * <ul>
 * <li>{@code topics <bootstrap>}: creates the platform's topics (3 partitions, as ./marco does);</li>
 * <li>{@code inprocess <seconds-per-evaluator>}: verdicts/s of each evaluator on one thread, over the rows of the
 * verdict table for that evaluator, after a warm-up;</li>
 * <li>{@code e2e <bootstrap> <n> <letters|table>}: produces n requests to {@code marco.verify.requests} and
 * consumes the n verdicts from {@code marco.verify.results}; prints verdicts/s from the first send to the last
 * verdict. {@code letters} is the generator's letter-counting load, {@code table} cycles through every row of the
 * verdict table (all evaluators).</li>
 * </ul>
 */
public final class VerifierBenchmark {

    private record Row(String evaluator, String answer, JsonNode truth) {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "topics" -> createTopics(args[1]);
            case "inprocess" -> inProcess(Double.parseDouble(args[1]));
            case "e2e" -> endToEnd(args[1], Integer.parseInt(args[2]), args[3]);
            default -> {
                System.err.println("usage: topics <bootstrap> | inprocess <seconds> | e2e <bootstrap> <n> <letters|table>");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static List<Row> table() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                VerifierBenchmark.class.getResourceAsStream("/verdict-table.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode row = MessageCodec.mapper().readTree(line);
                    rows.add(new Row(row.get("evaluator").asText(), row.get("answer").asText(), row.get("truth")));
                }
            }
        }
        return rows;
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.all()) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, topic.endsWith(Topics.DLQ_SUFFIX) ? 1 : 3, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void inProcess(double seconds) throws Exception {
        Map<String, Evaluator> evaluators = Evaluators.byName();
        Map<String, List<Row>> byEvaluator = new LinkedHashMap<>();
        for (Row row : table()) {
            String name = row.evaluator().equals("count_latter") ? "count_letters" : row.evaluator();
            byEvaluator.computeIfAbsent(name, k -> new ArrayList<>()).add(row);
        }
        System.out.printf("%-18s %12s %14s %s%n", "evaluator", "verdicts/s", "mean us/verdict", "(rows in the mix)");
        for (var entry : byEvaluator.entrySet()) {
            Evaluator evaluator = evaluators.get(entry.getKey());
            List<Row> rows = entry.getValue();
            run(evaluator, rows, (long) (seconds * 0.3e9));
            long start = System.nanoTime();
            long n = run(evaluator, rows, (long) (seconds * 1e9));
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-18s %12.0f %14.1f (%d)%n", entry.getKey(), n / elapsed, elapsed * 1e6 / n,
                    rows.size());
        }
    }

    private static long run(Evaluator evaluator, List<Row> rows, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end) {
            for (Row row : rows) {
                evaluator.evaluate(row.answer(), row.truth());
                n++;
            }
        }
        return n;
    }

    private static void endToEnd(String bootstrap, int n, String mix) throws Exception {
        List<Row> rows = mix.equals("table") ? table()
                : List.of(new Row("count_latter", "<answer>The answer is: \\boxed{3}</answer>", IntNode.valueOf(3)),
                        new Row("count_letters", "<answer>\\boxed{2}</answer>", IntNode.valueOf(3)));
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i % rows.size());
            messages.add(MessageCodec.encode(new VerifyRequest(1, run + "-" + i, run, "p" + (i % 64), "n" + i,
                    row.answer(), row.evaluator(), row.truth())));
        }
        Properties cprops = new Properties();
        cprops.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cprops.put(ConsumerConfig.GROUP_ID_CONFIG, run);
        cprops.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        cprops.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        cprops.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cprops.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties pprops = new Properties();
        pprops.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pprops.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        pprops.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        pprops.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        pprops.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pprops.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (var consumer = new KafkaConsumer<String, String>(cprops);
                var producer = new KafkaProducer<String, String>(pprops)) {
            consumer.subscribe(List.of(Topics.VERIFY_RESULTS));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(Topics.VERIFY_REQUESTS, "p" + (i % 64), messages.get(i)));
            }
            producer.flush();
            double produced = (System.nanoTime() - start) / 1e9;
            int received = 0;
            int correct = 0;
            int errors = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(60, n / 500));
            while (received < n && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    String value = record.value();
                    if (value.contains("\"jobId\":\"" + run + "\"")) {
                        received++;
                        if (value.contains("\"correct\":true")) {
                            correct++;
                        } else if (value.contains("\"error\":\"")) {
                            errors++;
                        }
                    }
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("end to end (%s mix): %d requests produced in %.2f s, %d verdicts received in %.2f s "
                    + "-> %.0f verdicts/s (%d correct, %d errors)%n", mix, n, produced, received, elapsed,
                    received / elapsed, correct, errors);
            if (received < n) {
                System.out.println("TIMEOUT: only " + received + " of " + n + " verdicts arrived");
                System.exit(1);
            }
        }
    }
}
