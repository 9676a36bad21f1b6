package dev.marcoforge.verifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import dev.marcoforge.verifier.persistence.StoredVerdict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verifier over a real broker and a real PostgreSQL database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_verifier_test"))
class VerifierServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void unknownEvaluatorIsAnErrorResultNotACrash() {
        String requestId = UUID.randomUUID().toString();
        send(new VerifyRequest(1, requestId, "job-1", "p", "n", "\\boxed{2}", "no_such_thing", IntNode.valueOf(2)));

        var record = KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId), WAIT);
        assertThat(MessageCodec.decode(record.value(), VerifyResult.class).error())
                .contains("unknown evaluator 'no_such_thing'").contains("count_latter");
    }

    @Test
    void aRedeliveredRequestGetsTheSameVerdict() {
        String requestId = UUID.randomUUID().toString();
        var request = new VerifyRequest(1, requestId, "job-1", "p", "n", "\\boxed{5}", "count_latter",
                IntNode.valueOf(5));
        send(request);
        KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> r.value().contains(requestId), WAIT);
        // Same id, different text: the stored verdict wins, so a replay never flips a reward.
        send(new VerifyRequest(1, requestId, "job-1", "p", "n", "\\boxed{1}", "count_latter", IntNode.valueOf(5)));

        var results = new java.util.ArrayList<VerifyResult>();
        KafkaTestClient.awaitRecord(Topics.VERIFY_RESULTS, r -> {
            if (r.value().contains(requestId)) {
                results.add(MessageCodec.decode(r.value(), VerifyResult.class));
            }
            return results.size() == 2;
        }, WAIT);
        assertThat(results).allSatisfy(r -> assertThat(r.verdict().correct()).isTrue());
    }

    @Test
    void readyWhenKafkaAndDatabaseAreUpAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/api/evaluators").then().statusCode(200).body("$", hasItem("count_latter"));
    }

    private static void send(VerifyRequest request) {
        KafkaTestClient.send(Topics.VERIFY_REQUESTS, request.problemId(), MessageCodec.encode(request));
    }
}
