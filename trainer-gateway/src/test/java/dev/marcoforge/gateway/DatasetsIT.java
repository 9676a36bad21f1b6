package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.contracts.SftRecord;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Data sets over a real broker and PostgreSQL: hand-built trees arrive as chains, search results make the default
 * data set's records, and builds on request give files.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_datasets_test"))
@QuarkusTestResource(GatewayTestSettings.class)
class DatasetsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;
    private static final String QUESTION = "How many r are in strawberry?";
    private static final String BASE = "Think.\n";
    private static final Map<String, String> TEXT = new LinkedHashMap<>();

    static {
        TEXT.put("a", "<thinking>Plan: spell it.</thinking>\n");
        TEXT.put("b", "<thinking>s-t-r-a-w-b-e-r-r-y</thinking>\n");
        TEXT.put("c1", "<answer>\\boxed{3}</answer>");
        TEXT.put("w1", "<answer>\\boxed{2}</answer>");
        TEXT.put("d", "<reflection>Let me recount every letter slowly, one at a time, to be sure.</reflection>\n");
        TEXT.put("c2", "<answer>\\boxed{3}</answer>");
        TEXT.put("e", "<thinking>Guess.</thinking>\n");
        TEXT.put("w2", "<answer>\\boxed{4}</answer>");
    }

    private static Chain chain(String job, String problem, boolean correct, String... nodes) {
        String tree = "tree-" + job + "-" + problem;
        List<ChainStep> steps = new ArrayList<>();
        for (String node : nodes) {
            steps.add(new ChainStep(problem + "-" + node, "thinking", TEXT.get(node), "actor"));
        }
        int length = steps.stream().mapToInt(s -> s.text().length()).sum();
        return new Chain(Chain.SCHEMA_VERSION, Chain.idFor(tree, problem + "-" + nodes[nodes.length - 1]), job,
                problem, tree, QUESTION, BASE, steps,
                correct ? Verdict.correct("3", "equal") : Verdict.wrong("2", "differs"), length);
    }

    /** C1 = a b c1 (short, correct), C2 = a d c2 (long, correct), W1 = a b w1, W2 = a e w2. */
    private static List<Chain> tree(String job, String problem) {
        return List.of(chain(job, problem, true, "a", "b", "c1"), chain(job, problem, true, "a", "d", "c2"),
                chain(job, problem, false, "a", "b", "w1"), chain(job, problem, false, "a", "e", "w2"));
    }

    private static void send(Chain chain) {
        KafkaTestClient.send(Topics.CHAINS, chain.problemId(), MessageCodec.encode(chain));
    }

    private static void sendResult(String job, String problem) {
        sendResult(job, problem, 4);
    }

    /** @param rollouts how many chains the problem's search published (the tests' trees have four) */
    private static void sendResult(String job, String problem, int rollouts) {
        var result = new SearchResult(SearchResult.SCHEMA_VERSION, job, problem, "tree-" + job + "-" + problem, true,
                rollouts, 1.5, 9, null, null);
        KafkaTestClient.send(Topics.SEARCH_RESULTS, problem, MessageCodec.encode(result));
    }

    private static String defaultDatasetId(String job) {
        return given().get("/api/datasets/jobs/" + job).then().statusCode(200).extract().path("defaultDatasetId");
    }

    @Test
    void aSearchResultTurnsItsProblemsChainsIntoSftAndDpoRecordsOnce() {
        String job = "job-" + UUID.randomUUID();
        List<Chain> tree = tree(job, "p1");
        tree.forEach(DatasetsIT::send);
        send(tree.get(0)); // delivered twice, stored once
        send(chain(job, "p2", false, "a", "w1"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then().statusCode(200)
                .body("chains", equalTo(5)));
        sendResult(job, "p1");
        sendResult(job, "p2");
        sendResult(job, "p1"); // a redelivered result sends nothing again
        String datasetId = defaultDatasetId(job);

        List<DpoRecord> dpo = recordsOf(Topics.DATASETS_DPO, DpoRecord.class, datasetId, DpoRecord::datasetId, 1);
        assertThat(dpo).hasSize(1);
        DpoRecord pair = dpo.get(0);
        assertThat(pair.problemId()).isEqualTo("p1");
        assertThat(pair.chosenChainId()).isEqualTo(tree.get(0).chainId());
        assertThat(pair.rejectedChainId()).isEqualTo(tree.get(3).chainId());
        assertThat(pair.sharedPrefix()).isEqualTo(TEXT.get("a"));
        assertThat(pair.sharedPrefixChars()).isEqualTo(TEXT.get("a").length());
        assertThat(pair.chosen()).isEqualTo(tree.get(0).text()).startsWith(pair.sharedPrefix());
        assertThat(pair.rejected()).isEqualTo(tree.get(3).text()).startsWith(pair.sharedPrefix());
        assertThat(pair.prompt().get(0).content()).isEqualTo(BASE + QUESTION);
        assertThat(pair.recordId()).isNotBlank();

        List<SftRecord> sft = recordsOf(Topics.DATASETS_SFT, SftRecord.class, datasetId, SftRecord::datasetId, 1);
        assertThat(sft).extracting(SftRecord::chainId).containsExactly(tree.get(1).chainId());
        given().get("/api/datasets/jobs/" + job).then().body("chains", equalTo(5)).body("searchResults", equalTo(2))
                .body("correctChains", equalTo(2));
    }

    @Test
    void chainsAndResultsAreStoredWhenTheDatabaseDropsEveryConnection() throws Exception {
        String job = "job-" + UUID.randomUUID();
        List<Chain> tree = tree(job, "p1");
        send(tree.get(0));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then().statusCode(200)
                .body("chains", equalTo(1)));
        assertThat(PostgresDatabaseResource.endServiceConnections()).as("the gateway's pooled connections ended")
                .isPositive();

        // The next polls meet broken connections: stored again on new ones, not dead-lettered.
        tree.subList(1, 4).forEach(DatasetsIT::send);
        sendResult(job, "p1");
        // A REST read may meet a broken connection itself (the pool then replaces it): polled.
        String datasetId = await().atMost(WAIT).ignoreExceptions().until(() -> defaultDatasetId(job),
                Objects::nonNull);
        assertThat(recordsOf(Topics.DATASETS_DPO, DpoRecord.class, datasetId, DpoRecord::datasetId, 1))
                .extracting(DpoRecord::chosenChainId, DpoRecord::rejectedChainId)
                .containsExactly(tuple(tree.get(0).chainId(), tree.get(3).chainId()));
        assertThat(recordsOf(Topics.DATASETS_SFT, SftRecord.class, datasetId, SftRecord::datasetId, 1))
                .extracting(SftRecord::chainId).containsExactly(tree.get(1).chainId());
        // Connections the polls did not happen to use are still broken in the pool: the tests after this one start
        // from fresh ones.
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    @Test
    void aChainArrivingAfterItsProblemsResultStillMakesItsRecords() {
        String job = "job-" + UUID.randomUUID();
        List<Chain> tree = tree(job, "p1");
        send(tree.get(0));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then().statusCode(200)
                .body("chains", equalTo(1)));
        // Its search published two chains: the problem is built when the second arrives.
        sendResult(job, "p1", 2);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then()
                .body("searchResults", equalTo(1)));
        send(tree.get(3));

        String datasetId = defaultDatasetId(job);
        List<DpoRecord> dpo = recordsOf(Topics.DATASETS_DPO, DpoRecord.class, datasetId, DpoRecord::datasetId, 1);
        assertThat(dpo).extracting(DpoRecord::rejectedChainId).containsExactly(tree.get(3).chainId());
        assertThat(recordsOf(Topics.DATASETS_SFT, SftRecord.class, datasetId, SftRecord::datasetId, 1))
                .extracting(SftRecord::chainId).containsExactly(tree.get(0).chainId());
    }

    @Test
    void buildsOnRequestGiveFilesThatRebuildByteIdenticallyAndOtherOptionsGiveOtherFiles() throws Exception {
        String job = "job-" + UUID.randomUUID();
        tree(job, "p1").forEach(DatasetsIT::send);
        tree(job, "p2").forEach(DatasetsIT::send);
        sendResult(job, "p1");
        sendResult(job, "p2");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then().statusCode(200)
                .body("chains", equalTo(8)).body("searchResults", equalTo(2)));

        JsonNode first = build("{\"jobs\": [\"" + job + "\"]}");
        String id = first.get("id").asText();
        assertThat(id).isEqualTo(defaultDatasetId(job));
        assertThat(first.get("stats").get("counts").get("sftRecords").asInt()).isEqualTo(2);
        assertThat(first.get("stats").get("counts").get("dpoRecords").asInt()).isEqualTo(2);
        Map<String, String> files = download(first);
        assertThat(files).containsKeys("trl/sft.jsonl", "trl/dpo.jsonl", "trl/dpo_continuation.jsonl",
                "llamafactory/dataset_info.json", "llamafactory/marco_sft.json", "llamafactory/marco_dpo.json",
                "stats.json");
        for (String line : files.get("trl/dpo.jsonl").split("\n")) {
            JsonNode record = MessageCodec.mapper().readTree(line);
            assertThat(record.get("chosen").asText()).startsWith(record.get("shared_prefix").asText());
            assertThat(record.get("rejected").asText()).startsWith(record.get("shared_prefix").asText());
            assertThat(record.get("shared_prefix").asText()).isEqualTo(TEXT.get("a"));
        }
        given().get("/api/datasets/" + id).then().statusCode(200).body("datasetId", equalTo(id))
                .body("counts.dpoRecords", equalTo(2)).body("jobs", hasItem(job));
        assertThat(MessageCodec.mapper().readTree(files.get("stats.json")).get("counts").get("sftRecords").asInt())
                .isEqualTo(files.get("trl/sft.jsonl").split("\n").length);

        JsonNode again = build("{\"jobs\": [\"" + job + "\"]}");
        assertThat(again.get("id").asText()).isEqualTo(id);
        assertThat(download(again)).isEqualTo(files);

        JsonNode other = build("{\"jobs\": [\"" + job + "\"], \"publish\": true, \"options\": {\"sft\":"
                + " {\"selection\": \"shortest\"}, \"dpo\": {\"pairing\": \"longest-prefix\"}}}");
        String otherId = other.get("id").asText();
        assertThat(otherId).isNotEqualTo(id);
        assertThat(other.get("dpoPublished").asInt()).isEqualTo(2);
        Map<String, String> otherFiles = download(other);
        assertThat(otherFiles.get("trl/sft.jsonl")).isNotEqualTo(files.get("trl/sft.jsonl"));
        JsonNode otherPair = MessageCodec.mapper().readTree(otherFiles.get("trl/dpo.jsonl").split("\n")[0]);
        assertThat(otherPair.get("shared_prefix").asText()).isEqualTo(TEXT.get("a") + TEXT.get("b"));
        List<DpoRecord> published = recordsOf(Topics.DATASETS_DPO, DpoRecord.class, otherId, DpoRecord::datasetId,
                2);
        assertThat(published).hasSize(2).allSatisfy(r -> assertThat(r.sharedPrefix())
                .isEqualTo(TEXT.get("a") + TEXT.get("b")));
    }

    @Test
    void badRequestsNameEveryProblemAndUnknownIdsAre404() {
        given().contentType("application/json")
                .body("{\"jobs\": [\"../x\", \"no-such-job\"], \"options\": {\"sft\": {\"selection\": \"widest\"},"
                        + " \"dpo\": {\"pairing\": \"closest\"}}}")
                .post("/api/datasets").then().statusCode(400)
                .body("problems.size()", equalTo(3))
                .body("error", containsString("widest"));
        given().contentType("application/json").body("{\"jobs\": [\"no-such-job\"]}").post("/api/datasets").then()
                .statusCode(400).body("problems[0]", containsString("'no-such-job'"));
        given().get("/api/datasets/ds-00000000000000000000").then().statusCode(404);
        given().get("/api/datasets/ds-00000000000000000000/files/trl/sft.jsonl").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aBuiltDataSetTrainsSftThenDpoWithTheProblemAlone() throws Exception {
        String job = "job-" + UUID.randomUUID();
        List<Chain> chains = new ArrayList<>(tree(job, "p1"));
        chains.addAll(tree(job, "p2"));
        chains.forEach(DatasetsIT::send);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then().statusCode(200)
                .body("chains", equalTo(8)));
        sendResult(job, "p1");
        sendResult(job, "p2");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then()
                .body("searchResults", equalTo(2)));
        JsonNode built = build("{\"jobs\": [\"" + job + "\"], \"publish\": false}");
        String datasetId = built.get("id").asText();
        int sftRecords = built.at("/stats/counts/sftRecords").asInt(-1);
        int dpoPairs = built.at("/stats/counts/dpoRecords").asInt(-1);

        String config = "{\"vocab_size\": 263, \"context_length\": 256, \"width\": 32, \"depth\": 1, \"heads\": 2,"
                + " \"mlp_ratio\": 2}";
        String name = "ds-sft-" + UUID.randomUUID().toString().substring(0, 8);
        String sftId = given().contentType("application/json").body("{\"name\": \"" + name + "\", \"method\": \"sft\","
                + " \"dataset_id\": \"" + datasetId + "\", \"prompt\": \"problem\", \"model_config\": " + config
                + ", \"hyperparameters\": {\"steps\": 5, \"batch_size\": 2}}").post("/api/trainings").then()
                .statusCode(202).extract().path("id");
        JsonNode sft = awaitTraining(sftId);
        assertThat(sft.path("progress").path("examples").asInt()).isEqualTo(sftRecords).isPositive();
        assertThat(sft.path("progress").path("dropped_examples").asInt()).isZero();

        String dpoId = given().contentType("application/json").body("{\"name\": \"" + name + "-dpo\", \"method\":"
                + " \"dpo\", \"base_model\": \"" + name + "\", \"dataset_id\": \"" + datasetId + "\", \"prompt\":"
                + " \"problem\", \"hyperparameters\": {\"steps\": 3, \"batch_size\": 2}}").post("/api/trainings").then()
                .statusCode(202).extract().path("id");
        JsonNode dpo = awaitTraining(dpoId);
        assertThat(dpo.path("progress").path("examples").asInt()).isEqualTo(dpoPairs).isPositive();
        assertThat(dpo.at("/progress/latest/reward_margin").isNumber()).isTrue();
    }

    private static JsonNode awaitTraining(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = MessageCodec.mapper().readTree(given().get("/api/trainings/" + id).then().statusCode(200)
                    .extract().asString());
            String status = last[0].path("status").asText();
            if (status.equals("FAILED") || status.equals("CANCELLED")) {
                throw new AssertionError("training " + id + " ended " + status + ": " + last[0]);
            }
            return status.equals("SUCCEEDED");
        });
        return last[0];
    }

    @Test
    void anUnreadableSearchResultGoesToItsDeadLetterTopic() {
        KafkaTestClient.send(Topics.SEARCH_RESULTS, "bad", "{\"jobId\": 1,");
        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.SEARCH_RESULTS),
                r -> "{\"jobId\": 1,".equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid SearchResult");

        String job = "job-" + UUID.randomUUID();
        send(chain(job, "p1", true, "a", "b", "c1"));
        sendResult(job, "p1", 1);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/jobs/" + job).then()
                .body("searchResults", equalTo(1)));
    }

    private static JsonNode build(String body) throws Exception {
        String json = given().contentType("application/json").body(body).post("/api/datasets").then()
                .statusCode(201).extract().asString();
        return MessageCodec.mapper().readTree(json);
    }

    private static Map<String, String> download(JsonNode built) {
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode file : built.get("files")) {
            files.put(file.get("path").asText(),
                    given().get(file.get("url").asText()).then().statusCode(200).extract().asString());
        }
        return files;
    }

    /** Reads a topic until {@code expected} records of the data set arrived, then a little longer for extras. */
    private static <T> List<T> recordsOf(String topic, Class<T> type, String datasetId,
            java.util.function.Function<T, String> datasetOf, int expected) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<T> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            consumer.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + WAIT.toMillis();
            long settleUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(end, settleUntil)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    T value = MessageCodec.decode(record.value(), type);
                    if (datasetOf.apply(value).equals(datasetId)) {
                        found.add(value);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.currentTimeMillis() + 2000;
                }
            }
        }
        return found;
    }
}
