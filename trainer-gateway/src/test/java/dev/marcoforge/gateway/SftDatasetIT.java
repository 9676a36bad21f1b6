package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.gateway.config.GatewayConfig;
import dev.marcoforge.gateway.persistence.StoredChain;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SFT data from chains, over a real broker and a real PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(GatewayTestSettings.class)
class SftDatasetIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE_PROMPT = "Solve step by step.\n";

    @Inject
    GatewayConfig config;

    @Test
    void correctChainsBecomeOneSampleEachAndRedeliveriesAddNothing() throws Exception {
        String job = "job-" + UUID.randomUUID();
        Chain first = chain(job, "p1", true, "<thinking>r, r, r\n</thinking>", "<answer>\\boxed{3}</answer>");
        Chain wrong = chain(job, "p2", false, "<thinking>guess</thinking>", "<answer>\\boxed{2}</answer>");
        Chain second = chain(job, "p3", true, "<thinking>count \"quotes\"</thinking>", "<answer>\\boxed{1}</answer>");
        Chain marker = chain(job, "p1", false, "<thinking>late</thinking>", "<answer>\\boxed{9}</answer>");
        send(first);
        send(wrong);
        send(second);
        send(first);
        // Same key as the redelivered chain, so once it is counted the redelivery has been handled too.
        send(marker);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/sft/" + job + "/stats").then()
                .statusCode(200).body("chainsReceived", equalTo(4)));
        Path file = config.outputDir().resolve("sft").resolve(job + ".jsonl");
        given().get("/api/datasets/sft/" + job + "/stats").then()
                .body("jobId", equalTo(job))
                .body("records", equalTo(2))
                .body("correctChains", equalTo(2))
                .body("file", equalTo(file.toAbsolutePath().normalize().toString()));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertSample(lines.get(0), first);
        assertSample(lines.get(1), second);

        String download = given().get("/api/datasets/sft/" + job).then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        assertThat(download).isEqualTo(Files.readString(file));

        StoredChain stored = QuarkusTransaction.requiringNew().call(() -> StoredChain.findById(wrong.chainId()));
        assertThat(stored.correct).isFalse();
        assertThat(stored.sftWritten).isFalse();
        assertThat(stored.problemId).isEqualTo("p2");
        assertThat(stored.treeId).isEqualTo(wrong.treeId());
        assertThat(stored.length).isEqualTo(wrong.length());
        assertThat(stored.receivedAt).isNotNull();
        assertThat(MessageCodec.decode(stored.chainJson, Chain.class)).isEqualTo(wrong);
    }

    @Test
    void aJobWithoutCorrectChainsHasStatsButNoDataSet() {
        String job = "job-" + UUID.randomUUID();
        send(chain(job, "p9", false, "<thinking>no</thinking>", "<answer>\\boxed{0}</answer>"));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/sft/" + job + "/stats").then()
                .statusCode(200).body("chainsReceived", equalTo(1)).body("records", equalTo(0))
                .body("file", nullValue()));
        given().get("/api/datasets/sft/" + job).then().statusCode(404).body("error", containsString(job));
    }

    @Test
    void aChainNobodyJudgedIsCountedAndLeftOutOfTheDataSets() {
        String job = "job-" + UUID.randomUUID();
        Chain judged = chain(job, "p1", true, "<thinking>r, r, r</thinking>", "<answer>\\boxed{3}</answer>");
        Chain unjudged = new Chain(Chain.SCHEMA_VERSION, Chain.idFor("tree-" + UUID.randomUUID(), "n2"), job, "p2",
                "tree-u", "How many r are in strawberry?", BASE_PROMPT, judged.steps(), null, judged.length(), 0.91);
        send(unjudged);
        send(judged);

        // Different keys may arrive in either order: wait for each effect; only the judged chain is stored.
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/sft/" + job + "/stats").then()
                .statusCode(200).body("chainsReceived", equalTo(1)).body("records", equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marco_gateway_chains_total{outcome=\"unjudged\"}")));
    }

    @Test
    void unknownJobsAre404NamingTheJobAndUnsafeIdsAre400() {
        given().get("/api/datasets/sft/no-such-job").then().statusCode(404)
                .body("error", containsString("'no-such-job'"));
        given().get("/api/datasets/sft/no-such-job/stats").then().statusCode(404)
                .body("error", containsString("'no-such-job'"));
        given().get("/api/datasets/sft/has space").then().statusCode(400).body("error", containsString("jobId"));
    }

    @Test
    void garbageAndUnsafeJobIdsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        KafkaTestClient.send(Topics.CHAINS, "bad", "{\"chainId\": oops");
        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.CHAINS),
                r -> "{\"chainId\": oops".equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid Chain");

        Chain escaping = chain("../../etc", "p1", true, "<thinking>x</thinking>", "<answer>1</answer>");
        send(escaping);
        var deadEscape = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.CHAINS),
                r -> r.value().contains(escaping.chainId()), WAIT);
        assertThat(KafkaTestClient.header(deadEscape, "dead-letter-reason")).contains("jobId '../../etc'");

        String job = "job-" + UUID.randomUUID();
        send(chain(job, "p1", true, "<thinking>ok</thinking>", "<answer>\\boxed{3}</answer>"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/datasets/sft/" + job + "/stats").then()
                .statusCode(200).body("records", equalTo(1)));
    }

    private static void assertSample(String line, Chain chain) throws Exception {
        JsonNode sample = MessageCodec.mapper().readTree(line);
        assertThat(sample.size()).isEqualTo(1);
        JsonNode messages = sample.get("messages");
        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).get("content").asText()).isEqualTo(BASE_PROMPT + chain.question());
        assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).get("content").asText()).isEqualTo(chain.text());
    }

    private static Chain chain(String job, String problemId, boolean correct, String thought, String answer) {
        String treeId = "tree-" + UUID.randomUUID();
        List<ChainStep> steps = List.of(new ChainStep("n0", "root", "", "actor"),
                new ChainStep("n1", "thought", thought, "actor"),
                new ChainStep("n2", "answer", answer, "actor"));
        Verdict verdict = correct ? Verdict.correct("3", "boxed answer equals the truth")
                : Verdict.wrong("2", "boxed answer differs");
        return new Chain(Chain.SCHEMA_VERSION, Chain.idFor(treeId, "n2"), job, problemId, treeId,
                "How many r are in strawberry?", BASE_PROMPT, steps, verdict, thought.length() + answer.length());
    }

    private static void send(Chain chain) {
        KafkaTestClient.send(Topics.CHAINS, chain.problemId(), MessageCodec.encode(chain));
    }
}
