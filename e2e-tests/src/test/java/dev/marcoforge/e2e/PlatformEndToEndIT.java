package dev.marcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.VerifyRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform as a user runs it: {@code ./marco up} starts a real Kafka broker, the PostgreSQL databases,
 * sandbox-llm and the five services as their own processes (on ports and a run folder of its own, so a running demo
 * is not disturbed); {@code ./marco generate} runs problems through every service; {@code ./marco down} stops it all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path RUN_DIR = Path.of("target/e2e-run").toAbsolutePath();
    private static final Path WORK = Path.of("target/e2e-work").toAbsolutePath();
    private static final int BASE = 18000;
    private static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "trainer-gateway", BASE + 80, "generator-service", BASE + 81, "verifier-service", BASE + 82,
            "critic-service", BASE + 83, "inference-service", BASE + 84, "sandbox-llm", BASE + 90);
    private static final int KAFKA_PORT = BASE + 1092;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void up() throws Exception {
        Files.createDirectories(WORK);
        marco("down");
        var result = marco("up");
        assertThat(result.exitCode()).as("./marco up output:\n" + result.output()).isZero();
        assertThat(result.output()).contains("Marco Forge is up");
    }

    @AfterAll
    static void down() throws Exception {
        marco("down");
    }

    @Test
    @Order(1)
    void everyServiceIsReadyAndExposesMetrics() throws Exception {
        for (var entry : SERVICE_PORTS.entrySet()) {
            String base = "http://127.0.0.1:" + entry.getValue();
            assertThat(get(base + "/q/health/ready").statusCode()).as(entry.getKey() + " ready").isEqualTo(200);
            var metrics = get(base + "/q/metrics");
            assertThat(metrics.statusCode()).as(entry.getKey() + " metrics").isEqualTo(200);
            assertThat(metrics.body()).as(entry.getKey() + " metrics").contains("jvm_memory_used_bytes");
        }
        var status = marco("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("generator-service").contains("ready");
    }

    @Test
    @Order(2)
    void generateRunsThreeProblemsThroughEveryServiceAndWritesTheDataSet() throws Exception {
        Path input = WORK.resolve("three-problems.json");
        Files.writeString(input, """
                [
                  {"id": "e2e_1", "problem": "How many r and a are there in total in strawberry?", "solution": 4},
                  {"id": "e2e_2", "problem": "What is the sum of the counts of e and u in subsensual?", "solution": 3},
                  {"id": "e2e_3", "problem": "Find out the total number of r and i in straightwise.", "solution": 3}
                ]
                """);
        Path out = WORK.resolve("out");
        var result = marco("generate", "--config", "letter-counting", "--input", input.toString(), "--out",
                out.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("summary: 3 problems, 3 solved");
        try (var trees = Files.list(out.resolve("trees"))) {
            assertThat(trees.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                    "e2e_1.json", "e2e_2.json", "e2e_3.json", "e2e_1.txt", "e2e_2.txt", "e2e_3.txt");
        }
        // The reference's tree shape: a list of nodes, the root first, with its children's ids.
        JsonNode tree = MessageCodec.mapper().readTree(out.resolve("trees/e2e_1.json").toFile());
        assertThat(tree.isArray()).isTrue();
        assertThat(tree.path(0).path("node_action_name").asText()).isEqualTo("base");
        assertThat(tree.path(0).path("children_ids")).isNotEmpty();
        assertThat(Files.readString(out.resolve("trees/e2e_1.txt"))).startsWith("[node_id: 1, node_action_name: base,");

        // The MCTS ends every rollout at a verified answer, so a problem has many chains.
        List<JsonNode> chains = jsonLines(out.resolve("chains.jsonl"));
        assertThat(chains).allSatisfy(chain -> {
            List<String> actions = new ArrayList<>();
            chain.path("steps").forEach(step -> actions.add(step.path("action").asText()));
            assertThat(actions.get(0)).isEqualTo("sub_task");
            assertThat(actions.get(actions.size() - 1)).isEqualTo("answer");
            chain.path("steps").forEach(step -> {
                if (step.path("action").asText().equals("double_check")) {
                    assertThat(step.path("modelRole").asText()).isEqualTo("critic");
                }
            });
        });
        assertThat(chains.stream().map(c -> c.path("chainId").asText()).toList()).doesNotHaveDuplicates();
        List<JsonNode> correct = chains.stream().filter(c -> c.path("verdict").path("correct").asBoolean()).toList();
        assertThat(correct.stream().map(c -> c.path("problemId").asText()).distinct().toList())
                .containsExactlyInAnyOrder("e2e_1", "e2e_2", "e2e_3");
        assertThat(jsonLines(out.resolve("results.jsonl"))).hasSize(3)
                .allSatisfy(r -> assertThat(r.path("success").asBoolean()).isTrue());

        // The job's default data sets, in TRL and LLaMA-Factory formats, agree with their stats.
        Path datasets = out.resolve("datasets");
        JsonNode stats = MessageCodec.mapper().readTree(datasets.resolve("stats.json").toFile());
        List<JsonNode> trlSft = jsonLines(datasets.resolve("trl/sft.jsonl"));
        List<JsonNode> trlDpo = jsonLines(datasets.resolve("trl/dpo.jsonl"));
        assertThat(stats.path("counts").path("sftRecords").asInt()).isEqualTo(trlSft.size()).isPositive();
        assertThat(stats.path("counts").path("dpoRecords").asInt()).isEqualTo(trlDpo.size());
        assertThat(stats.path("counts").path("chains").asInt()).isEqualTo(chains.size());
        assertThat(trlDpo).allSatisfy(pair -> {
            String prefix = pair.path("shared_prefix").asText();
            assertThat(pair.path("chosen").asText()).startsWith(prefix);
            assertThat(pair.path("rejected").asText()).startsWith(prefix);
        });
        assertThat(jsonLines(datasets.resolve("trl/dpo_continuation.jsonl"))).hasSize(trlDpo.size());
        assertThat(MessageCodec.mapper().readTree(datasets.resolve("llamafactory/dataset_info.json").toFile())
                .path("marco_sft").path("file_name").asText()).isNotBlank();

        List<JsonNode> sft = jsonLines(out.resolve("sft.jsonl"));
        assertThat(sft).hasSize(correct.size()).allSatisfy(line -> {
            JsonNode messages = line.path("messages");
            assertThat(messages.path(0).path("role").asText()).isEqualTo("user");
            assertThat(messages.path(0).path("content").asText()).contains("Now the question is: ");
            assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
            assertThat(messages.path(1).path("content").asText()).contains("<sub-task>").contains("<double-check>")
                    .contains("<answer>").contains("boxed{");
        });
    }

    @Test
    @Order(3)
    void anUnreachablePolicyModelPausesTheJobWithAClearReasonNotACrash() throws Exception {
        Path input = WORK.resolve("one-problem.json");
        Files.writeString(input, "[{\"id\": \"down_1\", \"problem\": \"How many r are there in strawberry?\","
                + " \"solution\": 3}]");
        var result = marco("generate", "--config", "letter-counting", "--input", input.toString(), "--out",
                WORK.resolve("out-down").toString(), "--policy-url", "http://127.0.0.1:9/v1", "--max-pause", "PT3S");

        // The search waits for the server instead of failing; the command says so and gives up waiting.
        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("job paused: policy model http://127.0.0.1:9/v1 unreachable")
                .contains("the job goes on when it answers").contains("gave up waiting");
    }

    @Test
    @Order(4)
    void aBadJobIsRejectedNamingItsFaults() throws Exception {
        Path input = WORK.resolve("bad-problems.json");
        Files.writeString(input, "[{\"id\": \"x\", \"problem\": \"\", \"solution\": 1}, {\"id\": \"x\","
                + " \"problem\": \"How many a in banana?\", \"solution\": 3}]");
        var result = marco("generate", "--config", "no-such-config", "--input", input.toString(), "--out",
                WORK.resolve("out-bad").toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("rejected").contains("no-such-config");
    }

    @Test
    @Order(5)
    void theGatewayAnswersAChatCompletionThroughTheInferenceService() throws Exception {
        String body = """
                {"model": "marco-sandbox", "messages": [{"role": "user", "content": "How many r are there in strawberry?"}]}
                """;
        var unauthorized = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (BASE + 80)
                + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorized.statusCode()).as(unauthorized.body()).isEqualTo(401);
        // The gateway requires keys; ./marco keys create prints the new one alone on its last line.
        var created = marco("keys", "create", "--name", "e2e", "--rpm", "100");
        assertThat(created.exitCode()).as(created.output()).isZero();
        String apiKey = created.output().strip().lines().reduce((first, second) -> second).orElseThrow().strip();
        assertThat(apiKey).startsWith("mf-");
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (BASE + 80)
                + "/v1/chat/completions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode completion = MessageCodec.mapper().readTree(response.body());
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        // sandbox-llm writes Marco tags: the answer is the content, the thoughts the reasoning_content.
        assertThat(completion.path("choices").path(0).path("message").path("content").asText()).isNotBlank()
                .doesNotContain("<answer>");
        assertThat(completion.path("choices").path(0).path("message").path("reasoning_content").asText())
                .isNotBlank();
        assertThat(completion.path("usage").path("total_tokens").asInt()).isPositive();
    }

    @Test
    @Order(6)
    void garbageOnVerifyRequestsLandsInItsDeadLetterTopicAndTheVerifierGoesOn() throws Exception {
        String garbage = "garbage-" + UUID.randomUUID();
        produce(Topics.VERIFY_REQUESTS, "garbage", garbage);
        var dead = await(Topics.deadLetter(Topics.VERIFY_REQUESTS), r -> garbage.equals(r.value()));
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("VerifyRequest");

        String requestId = UUID.randomUUID().toString();
        produce(Topics.VERIFY_REQUESTS, "p-after-garbage", MessageCodec.encode(new VerifyRequest(1, requestId,
                "e2e", "p-after-garbage", "n1", "<answer>\\boxed{3}</answer>", "count_latter", IntNode.valueOf(3))));
        var verdict = await(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId));
        assertThat(verdict.value()).contains("\"correct\":true");
    }

    @Test
    @Order(7)
    void aModelTrainedWithMarcoTrainAnswersTheOfficialOpenAiClientAndIsEvaluated() throws Exception {
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        answers.put("How many r in rr?", "<thinking>r r</thinking>\n<answer>\\boxed{2}</answer>");
        answers.put("How many a in banana?", "<thinking>b a n a n a</thinking>\n<answer>\\boxed{3}</answer>");
        answers.put("How many z in zoo?", "<thinking>z o o</thinking>\n<answer>\\boxed{1}</answer>");
        answers.put("How many o in zoo?", "<thinking>z o o</thinking>\n<answer>\\boxed{2}</answer>");
        StringBuilder records = new StringBuilder();
        var problems = MessageCodec.mapper().createArrayNode();
        answers.forEach((q, a) -> {
            records.append(MessageCodec.encode(Map.of("messages", List.of(Map.of("role", "user", "content", q),
                    Map.of("role", "assistant", "content", a))))).append('\n');
            problems.addObject().put("id", q).put("problem", q)
                    .put("solution", Integer.parseInt(a.replaceAll("(?s).*boxed\\{(\\d+)}</answer>", "$1")));
        });
        Path data = WORK.resolve("tiny-sft.jsonl");
        Files.writeString(data, records);
        Path config = WORK.resolve("tiny-model.json");
        Files.writeString(config, "{\"vocab_size\": 263, \"context_length\": 96, \"width\": 48, \"depth\": 2,"
                + " \"heads\": 4, \"mlp_ratio\": 4}");
        Path problemFile = WORK.resolve("tiny-problems.json");
        Files.writeString(problemFile, problems.toString());

        // A fresh name per run: the run folder (and the compacted marco.models topic) outlive a run.
        String model = "e2e-tiny-" + UUID.randomUUID().toString().substring(0, 8);
        var trained = marco("train", "--name", model, "--method", "sft", "--data", data.toString(),
                "--model-config", config.toString(), "--steps", "300", "--batch-size", "4", "--lr", "0.003",
                "--warmup", "10");
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        assertThat(trained.output()).contains("served as: " + model).contains("succeeded after 300 steps");

        var created = marco("keys", "create", "--name", "e2e-node");
        String apiKey = created.output().strip().lines().reduce((first, second) -> second).orElseThrow().strip();
        // The registration reaches the gateway and the inference service over marco.models.
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            var models = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (BASE + 80) + "/v1/models"))
                    .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
            var served = get("http://127.0.0.1:" + (BASE + 84) + "/api/models");
            if (models.body().contains(model) && served != null && served.body().contains(model)) {
                break;
            }
            assertThat(System.currentTimeMillis()).as(model + " is not served yet").isLessThan(until);
            Thread.sleep(300);
        }

        Path client = Path.of("target", "node-client").toAbsolutePath();
        Files.createDirectories(client);
        if (!Files.isDirectory(client.resolve("node_modules/openai"))) {
            Files.writeString(client.resolve("package.json"), "{\"name\": \"marco-e2e-node\", \"private\": true,"
                    + " \"type\": \"module\"}");
            node(client, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "openai@6"), Map.of());
        }
        Files.copy(Path.of("src/test/node/trained-model.mjs"), client.resolve("trained-model.mjs"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String output = node(client, List.of("node", "trained-model.mjs"), Map.of("GATEWAY_URL",
                "http://127.0.0.1:" + (BASE + 80) + "/v1", "API_KEY", apiKey, "MODEL", model, "QUESTION",
                "How many a in banana?"));
        List<JsonNode> calls = new ArrayList<>();
        for (String line : output.strip().split("\\R")) {
            if (line.startsWith("{")) {
                calls.add(MessageCodec.mapper().readTree(line));
            }
        }
        assertThat(calls).as(output).hasSize(2);
        // The trained model writes Marco's tags: the answer is the content, the chain the reasoning.
        assertThat(calls.get(0).path("content").asText()).as(output).contains("boxed{3}").doesNotContain("<thinking>");
        assertThat(calls.get(0).path("reasoning").asText()).contains("b a n a n a");
        assertThat(calls.get(0).path("finish").asText()).isEqualTo("stop");
        assertThat(calls.get(1).path("content").asText()).isEqualTo(calls.get(0).path("content").asText());
        assertThat(calls.get(1).path("usage").path("completion_tokens").asInt()).isPositive();

        Path results = WORK.resolve("tiny-eval.json");
        var evaluated = marco("eval", "--model", model, "--input", problemFile.toString(), "--k", "1,2",
                "--temperature", "0", "--max-tokens", "80", "--quiet", "--out", results.toString());
        assertThat(evaluated.exitCode()).as(evaluated.output()).isZero();
        JsonNode figures = MessageCodec.mapper().readTree(results.toFile());
        assertThat(figures.path("problems").asInt()).isEqualTo(4);
        assertThat(figures.path("accuracy").asDouble()).as(evaluated.output()).isEqualTo(1.0);
        assertThat(figures.path("no_answer_rate").asDouble()).isZero();
        assertThat(figures.path("pass_at_k").path("2").asDouble()).isEqualTo(1.0);
        assertThat(evaluated.output()).contains("accuracy        100.0%  (no answer 0.0%)");
    }

    private static String node(Path dir, List<String> command, Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took longer than 5 minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(command + " printed:\n" + text).isZero();
        return text;
    }

    @Test
    @Order(8)
    void aGeneratorKilledTwiceMidJobStillPublishesEveryResultAndNoChainTwiceUnderTwoIds() throws Exception {
        int problems = 20;
        String generator = "http://127.0.0.1:" + (BASE + 81) + "/api/jobs";
        String job = submitReferenceJob(generator, "kill-restart", problems);

        for (int round = 1; round <= 2; round++) {
            Thread.sleep(2_000);
            JsonNode before = jobStatus(generator, job);
            assertThat(before.path("status").asText()).as("the job must still run when the generator is killed: "
                    + before).isNotEqualTo("COMPLETED");
            long pid = Long.parseLong(Files.readString(RUN_DIR.resolve("pids/generator-service.pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            assertThat(process.destroyForcibly()).isTrue();
            process.onExit().get(30, TimeUnit.SECONDS);
            var restarted = marco("up");
            assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        }

        awaitEveryResultAndStableChainIds(generator, job, problems);
    }

    @Test
    @Order(9)
    void twoGeneratorInstancesShareAJobAndNothingIsLostOrDoubled() throws Exception {
        // The second instance is ready before the job starts (a job can finish before a JVM starts on a busy
        // 2-core machine); it shares the consumer group and the database with the first.
        int problems = 50;
        String generator = "http://127.0.0.1:" + (BASE + 81) + "/api/jobs";
        int secondPort = BASE + 85;
        String sandbox = "http://127.0.0.1:" + (BASE + 90) + "/v1";
        Process second = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + secondPort, "-Dquarkus.http.host=127.0.0.1",
                "-Dkafka.bootstrap.servers=127.0.0.1:" + KAFKA_PORT,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/marco_e2e_generator",
                "-Dmarco.models.policy.base-url=" + sandbox,
                "-jar", HOME.resolve("generator-service/target/quarkus-app/quarkus-run.jar").toString()))
                .redirectErrorStream(true).redirectOutput(WORK.resolve("generator-2.log").toFile()).start();
        try {
            Instant readyBy = Instant.now().plus(Duration.ofMinutes(2));
            while (!isReady(secondPort) && Instant.now().isBefore(readyBy)) {
                Thread.sleep(250);
            }
            assertThat(isReady(secondPort)).as("the second instance is ready").isTrue();
            Thread.sleep(5_000);
            String job = submitReferenceJob(generator, "two-instances", problems);

            awaitEveryResultAndStableChainIds(generator, job, problems);

            // The second instance got partitions of the job's topics and drove searches: it called the model.
            String metrics = get("http://127.0.0.1:" + secondPort + "/q/metrics").body();
            double calls = metrics.lines().filter(l -> l.startsWith("marco_generator_model_calls_seconds_count"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertThat(calls).as("model calls by the second instance").isPositive();
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean isReady(int port) throws InterruptedException {
        var response = get("http://127.0.0.1:" + port + "/q/health/ready");
        return response != null && response.statusCode() == 200;
    }

    /** A job of the reference's demo config on the first problems of its letter-counting set, both unchanged. */
    private static String submitReferenceJob(String generator, String name, int problems) throws Exception {
        return submitReferenceJob(generator, name, problems, null);
    }

    /** The same with {@code marco_forge.seed} set when {@code seed} is not null. */
    private static String submitReferenceJob(String generator, String name, int problems, Long seed)
            throws Exception {
        Path reference = HOME.resolve("../shared/reference/marco-o1").normalize();
        JsonNode config = MessageCodec.mapper().readTree(reference.resolve("demo_config.json").toFile());
        JsonNode data = MessageCodec.mapper().readTree(reference.resolve("latter_count_hard.json").toFile());
        var body = MessageCodec.mapper().createObjectNode();
        body.put("name", name);
        if (seed != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) config).putObject("marco_forge").put("seed", seed);
        }
        body.set("config", config);
        String sandbox = "http://127.0.0.1:" + (BASE + 90) + "/v1";
        body.put("policyUrl", sandbox);
        body.put("criticUrl", sandbox);
        var list = body.putArray("problems");
        for (int i = 0; i < problems; i++) {
            list.add(data.get(i));
        }
        var accepted = HTTP.send(HttpRequest.newBuilder(URI.create(generator)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return MessageCodec.mapper().readTree(accepted.body()).path("jobId").asText();
    }

    /**
     * Waits for the job to complete without errors; on the topics (at least once: a crash may re-send) every
     * problem has its result and a chain id always names the same chain, so a consumer deduplicates by id.
     */
    private static void awaitEveryResultAndStableChainIds(String generator, String job, int problems)
            throws Exception {
        JsonNode status = awaitCompleted(generator, job, Duration.ofMinutes(8));
        assertThat(status.path("total").asInt()).isEqualTo(problems);
        assertThat(status.path("errored").asInt()).as(status.toString()).isZero();

        List<JsonNode> results = recordsOfJob(Topics.SEARCH_RESULTS, job);
        assertThat(results.stream().map(r -> r.path("problemId").asText()).distinct().count()).isEqualTo(problems);
        Map<String, String> chainById = new HashMap<>();
        for (JsonNode chain : recordsOfJob(Topics.CHAINS, job)) {
            String id = chain.path("chainId").asText();
            String previous = chainById.putIfAbsent(id, chain.path("steps").toString());
            assertThat(previous == null || previous.equals(chain.path("steps").toString()))
                    .as("chain id " + id + " names two different chains").isTrue();
        }
        var rest = HTTP.send(HttpRequest.newBuilder(URI.create(generator + "/" + job + "/chains")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> restIds = new ArrayList<>();
        MessageCodec.mapper().readTree(rest.body()).forEach(c -> restIds.add(c.path("chainId").asText()));
        assertThat(restIds).doesNotHaveDuplicates();
        assertThat(chainById.keySet()).containsExactlyInAnyOrderElementsOf(restIds);
    }

    /** The job's status once it completed within {@code limit} (the test fails otherwise). */
    private static JsonNode awaitCompleted(String generator, String job, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        JsonNode status = jobStatus(generator, job);
        while (!status.path("status").asText().equals("COMPLETED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            status = jobStatus(generator, job);
        }
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("COMPLETED");
        return status;
    }

    private static JsonNode jobStatus(String generator, String job) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(generator + "/" + job)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MessageCodec.mapper().readTree(response.body());
    }

    /** Every record on {@code topic} for {@code job}, read from the start until the topic is quiet. */
    private static List<JsonNode> recordsOfJob(String topic, String job) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(fromTheStart())) {
            consumer.subscribe(List.of(topic));
            Instant quietUntil = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(quietUntil)) {
                var batch = consumer.poll(Duration.ofMillis(500));
                for (var record : batch) {
                    JsonNode value = MessageCodec.mapper().readTree(record.value());
                    if (job.equals(value.path("jobId").asText())) {
                        records.add(value);
                    }
                }
                if (!batch.isEmpty()) {
                    quietUntil = Instant.now().plusSeconds(5);
                }
            }
        }
        return records;
    }

    @Test
    @Order(10)
    void withAFixedSeedTwoRunsOfAJobGrowTheSameTrees() throws Exception {
        String generator = "http://127.0.0.1:" + (BASE + 81) + "/api/jobs";
        List<Map<String, String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            String job = submitReferenceJob(generator, "seeded-" + run, 5, 7L);
            JsonNode status = awaitCompleted(generator, job, Duration.ofMinutes(5));
            Map<String, String> trees = new HashMap<>();
            for (JsonNode problem : status.path("problems")) {
                String id = problem.path("problemId").asText();
                var tree = HTTP.send(HttpRequest.newBuilder(URI.create(generator + "/" + job + "/problems/" + id
                        + "/tree")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(tree.statusCode()).isEqualTo(200);
                trees.put(id, tree.body());
            }
            runs.add(trees);
        }
        assertThat(runs.get(0)).hasSize(5);
        // The reference's tree shape holds no ids of the job: two seeded runs give identical documents (node texts,
        // actions, visits, rewards, verdicts, shape), whatever order the other services answered in.
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(0).values()).allSatisfy(tree -> assertThat(MessageCodec.mapper().readTree(tree).size())
                .isGreaterThan(5));
    }

    @Test
    @Order(11)
    void logsAreKeptPerProcess() throws Exception {
        var logs = marco("logs", "verifier-service", "-n", "50");
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.output()).contains("verifier-service");
    }

    @Test
    @Order(12)
    void downLeavesNoProcessOfTheSystemRunning() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(RUN_DIR.resolve("pids"))) {
            for (Path file : files.toList()) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        assertThat(pids).hasSize(7);
        List<Long> family = new ArrayList<>(pids);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> family.add(d.pid())));
        }

        var result = marco("down");

        assertThat(result.exitCode()).isZero();
        assertThat(family).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)).as("process " + pid + " still alive").isFalse());
        assertThat(get("http://127.0.0.1:" + (BASE + 82) + "/q/health/ready")).isNull();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result marco(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("marco").toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(WORK, "marco-", ".log");
        var builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./marco " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("MARCO_NO_BUILD", "1");
        env.put("MARCO_RUN_DIR", RUN_DIR.toString());
        env.put("MARCO_DB_PREFIX", "marco_e2e");
        env.put("MARCO_GATEWAY_PORT", String.valueOf(BASE + 80));
        env.put("MARCO_GENERATOR_PORT", String.valueOf(BASE + 81));
        env.put("MARCO_VERIFIER_PORT", String.valueOf(BASE + 82));
        env.put("MARCO_CRITIC_PORT", String.valueOf(BASE + 83));
        env.put("MARCO_INFERENCE_PORT", String.valueOf(BASE + 84));
        env.put("MARCO_SANDBOX_PORT", String.valueOf(BASE + 90));
        env.put("MARCO_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        env.put("MARCO_KAFKA_CONTROLLER_PORT", String.valueOf(KAFKA_PORT + 1));
        // The simulator makes no mistakes here, so every chain is correct and the expected data set is exact.
        env.put("SANDBOX_ERROR_SKIP_LETTER_RATE", "0");
        env.put("SANDBOX_ERROR_WRONG_SUM_RATE", "0");
        return env;
    }

    private static HttpResponse<String> get(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                nodes.add(MessageCodec.mapper().readTree(line));
            }
        }
        return nodes;
    }

    /** A consumer of its own group that reads a topic from its first record. */
    private static Properties fromTheStart() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    private static void produce(String topic, String key, String value) throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (var producer = new KafkaProducer<String, String>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match) {
        try (var consumer = new KafkaConsumer<String, String>(fromTheStart())) {
            consumer.subscribe(List.of(topic));
            Instant end = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(end)) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within 60 s");
    }
}
