package dev.marcoforge.verifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import dev.marcoforge.verifier.persistence.StoredVerdict;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verifier over a real broker and a real PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_verifier_test"))
class VerifierServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void verdictIsPublishedKeyedByProblemAndStored() {
        String requestId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, requestId, "job-1", "real_1", "node-9",
                "<answer>The answer is: \\boxed{3}</answer>\n", "count_latter", IntNode.valueOf(3)));

        var record = KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId), WAIT);
        VerifyResult result = MessageCodec.decode(record.value(), VerifyResult.class);

        assertThat(record.key()).isEqualTo("real_1");
        assertThat(result.verdict().correct()).isTrue();
        assertThat(result.nodeId()).isEqualTo("node-9");
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> StoredVerdict.<StoredVerdict>findById(requestId))).isNotNull();
    }

    @Test
    void verdictsAreStillPublishedWhenTheDatabaseDropsEveryConnection() throws Exception {
        String first = UUID.randomUUID().toString();
        send(new VerifyRequest(1, first, "job-drop", "real_1", "node-1", "<answer>\\boxed{3}</answer>\n",
                "count_latter", IntNode.valueOf(3)));
        KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(first), WAIT);
        assertThat(PostgresDatabaseResource.endServiceConnections()).as("the verifier's pooled connections ended")
                .isPositive();

        // The next batch meets a broken connection: it is decided again on a new one, not dead-lettered.
        String second = UUID.randomUUID().toString();
        send(new VerifyRequest(1, second, "job-drop", "real_2", "node-2", "<answer>\\boxed{4}</answer>\n",
                "count_latter", IntNode.valueOf(3)));
        var result = MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS,
                r -> r.value().contains(second), WAIT).value(), VerifyResult.class);
        assertThat(result.verdict().correct()).isFalse();
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> StoredVerdict.<StoredVerdict>findById(second))).isNotNull();
        // Connections the batches did not happen to use are still broken in the pool: the tests after this one
        // start from fresh ones.
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndVerificationGoesOn() {
        KafkaTestClient.send(Topics.VERIFY_REQUESTS, "bad", "this is {not json");

        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.VERIFY_REQUESTS),
                r -> "this is {not json".equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid VerifyRequest");

        String requestId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, requestId, "job-1", "real_2", "node-1", "\\boxed{2}", "count_letters",
                IntNode.valueOf(3)));
        var record = KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId), WAIT);
        assertThat(MessageCodec.decode(record.value(), VerifyResult.class).verdict().correct()).isFalse();
    }

    @Test
    void unknownEvaluatorIsAnErrorResultAndADeadLetterNeverAVerdict() {
        String requestId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, requestId, "job-1", "p", "n", "\\boxed{2}", "no_such_thing", IntNode.valueOf(2)));

        var record = KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId), WAIT);
        VerifyResult result = MessageCodec.decode(record.value(), VerifyResult.class);
        assertThat(result.verdict()).isNull();
        assertThat(result.error()).contains("unknown evaluator 'no_such_thing'").contains("count_latter");
        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.VERIFY_REQUESTS),
                r -> r.value().contains(requestId), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("unknown evaluator 'no_such_thing'");
    }

    @Test
    void malformedGroundTruthGoesToTheDeadLetterTopicWithTheReason() {
        String requestId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, requestId, "job-1", "p", "n", "(pick-up a)", "planning",
                MessageCodec.mapper().createObjectNode().put("init", "not a list")));

        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.VERIFY_REQUESTS),
                r -> r.value().contains(requestId), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("malformed ground truth for 'planning'")
                .contains("'init'");
    }

    @Test
    void mathAndInstructionFollowingVerdictsComeBackOverKafka() {
        String mathId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, mathId, "job-1", "math_1", "n", "So the answer is $\\boxed{\\dfrac{\\sqrt{2}}{2}}$.",
                "math", TextNode.valueOf("\\frac{1}{\\sqrt{2}}")));
        var math = MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS,
                r -> r.value().contains(mathId), WAIT).value(), VerifyResult.class);
        assertThat(math.verdict().correct()).isTrue();
        assertThat(math.verdict().extractedAnswer()).isEqualTo("\\dfrac{\\sqrt{2}}{2}");
    }

    @Test
    void aRedeliveredRequestIsNotPublishedAgain() {
        String requestId = UUID.randomUUID().toString();
        String problem = "redelivery-" + UUID.randomUUID();
        send(new VerifyRequest(1, requestId, "job-1", problem, "n", "\\boxed{5}", "count_latter", IntNode.valueOf(5)));
        KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId), WAIT);
        // Same id twice more, once with a different text: the stored verdict was published, so nothing is sent.
        send(new VerifyRequest(1, requestId, "job-1", problem, "n", "\\boxed{1}", "count_latter", IntNode.valueOf(5)));
        send(new VerifyRequest(1, requestId, "job-1", problem, "n", "\\boxed{5}", "count_latter", IntNode.valueOf(5)));
        // A later request with the same key is consumed after the repeats (same partition, in order).
        String markerId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, markerId, "job-1", problem, "n", "\\boxed{5}", "count_latter", IntNode.valueOf(5)));

        var verdicts = new java.util.ArrayList<VerifyResult>();
        KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> {
            if (r.value().contains(requestId)) {
                verdicts.add(MessageCodec.decode(r.value(), VerifyResult.class));
            }
            return r.value().contains(markerId);
        }, WAIT);
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).verdict().correct()).isTrue();
    }

    @Test
    void aVerdictStoredButNeverConfirmedPublishedIsPublishedUnchangedOnRedelivery() {
        String requestId = UUID.randomUUID().toString();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            StoredVerdict stored = new StoredVerdict();
            stored.requestId = requestId;
            stored.jobId = "job-1";
            stored.problemId = "p";
            stored.evaluator = "count_latter";
            stored.correct = true;
            stored.extractedAnswer = "7";
            stored.reason = "stored before a crash";
            stored.createdAt = java.time.Instant.now();
            stored.persist();
        });
        // The redelivered text would now be judged wrong; the stored verdict is what gets published.
        send(new VerifyRequest(1, requestId, "job-1", "p", "n", "\\boxed{1}", "count_latter", IntNode.valueOf(7)));

        var result = MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS,
                r -> r.value().contains(requestId), WAIT).value(), VerifyResult.class);
        assertThat(result.verdict().correct()).isTrue();
        assertThat(result.verdict().reason()).isEqualTo("stored before a crash");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> io.quarkus.narayana.jta.QuarkusTransaction
                .requiringNew().call(() -> StoredVerdict.<StoredVerdict>findById(requestId).publishedAt) != null);
    }

    @Test
    void postVerifyJudgesWithoutKafka() {
        given().contentType("application/json")
                .body("{\"evaluator\": \"math\", \"answer\": \"\\\\boxed{0.5}\", \"groundTruth\": \"\\\\frac{1}{2}\"}")
                .post("/api/verify").then().statusCode(200)
                .body("correct", org.hamcrest.Matchers.is(true))
                .body("extractedAnswer", org.hamcrest.Matchers.is("0.5"))
                .body("reason", containsString("numerically equal"));
        given().contentType("application/json").body("{\"answer\": \"x\"}").post("/api/verify").then()
                .statusCode(400)
                .body("errors", hasItem(containsString("evaluator")))
                .body("errors", hasItem(containsString("groundTruth")));
        given().contentType("application/json")
                .body("{\"evaluator\": \"nope\", \"answer\": \"x\", \"groundTruth\": 1}")
                .post("/api/verify").then().statusCode(400)
                .body("errors[0]", containsString("unknown evaluator 'nope'"));
        given().contentType("application/json")
                .body("{\"evaluator\": \"planning\", \"answer\": \"x\", \"groundTruth\": {\"init\": []}}")
                .post("/api/verify").then().statusCode(400)
                .body("errors[0]", containsString("groundTruth"));
    }

    @Test
    void readyWhenKafkaAndDatabaseAreUpAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"));
        given().contentType("application/json")
                .body("{\"evaluator\": \"exact\", \"answer\": \"Paris\", \"groundTruth\": \"Paris\"}")
                .post("/api/verify").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("marco_verifier_verdicts_total{evaluator=\"exact\",outcome=\"correct\"}"))
                .body(containsString("marco_verifier_evaluation_seconds_count{evaluator=\"exact\"}"))
                .body(containsString("marco_verifier_correct_share{evaluator=\"exact\"}"));
        given().get("/api/evaluators").then().statusCode(200).body("$", hasItem("count_latter"))
                .body("$", hasItem("math")).body("$", hasItem("instruct_follow")).body("$", hasItem("planning"));
    }

    private static void send(VerifyRequest request) {
        KafkaTestClient.send(Topics.VERIFY_REQUESTS, request.problemId(), MessageCodec.encode(request));
    }
}
