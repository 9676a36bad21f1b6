package dev.marcoforge.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Problem;
import dev.marcoforge.contracts.SearchRequest;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.generator.config.BuiltInConfigs;
import dev.marcoforge.generator.search.SearchEngine;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import dev.marcoforge.generator.persistence.OutboxMessage;
import dev.marcoforge.generator.persistence.Job;
import dev.marcoforge.generator.persistence.ProblemRun;
import dev.marcoforge.generator.persistence.SearchNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator over a real broker, a real PostgreSQL database and a fake model server started here. The test plays
 * critic-service and verifier-service: it reads their requests from the topics and answers them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_generator_test"))
class GeneratorServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE_PROMPT = BuiltInConfigs.find("letter-counting").orElseThrow()
            .get("base_prompt").textValue();

    private static FakePolicyServer model;
    private static AutoServices services;

    @Inject
    SearchEngine engine;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startModel() throws IOException {
        model = new FakePolicyServer();
        services = new AutoServices();
    }

    @AfterAll
    static void stopModel() {
        model.close();
        services.close();
    }

    @Test
    void aProblemRunsThroughPolicyCriticAndVerifierIntoAChain() {
        runLetterCountingJobToTheEnd();
    }

    @Test
    void theReferenceDemoConfigSearchesFiveReferenceProblemsToTheEnd() throws IOException {
        String jobId = submitDemoJob("demo");

        // The fake model always answers 3: real_0..real_3 (truth 3) reach the max threshold 8 after 8 rollouts;
        // real_4 (truth 4) gives up after rollout index 129 (> 4 x 32) below the min threshold 4.
        await().atMost(Duration.ofSeconds(180)).ignoreExceptions()
                .until(() -> "COMPLETED".equals(get("/api/jobs/" + jobId).get("status").asText()));
        JsonNode job = get("/api/jobs/" + jobId);
        assertThat(job.get("solved").asInt()).isEqualTo(4);
        assertThat(job.get("unsolved").asInt()).isEqualTo(1);

        JsonNode results = get("/api/jobs/" + jobId + "/results");
        assertThat(results).hasSize(5);
        for (JsonNode result : results) {
            boolean truthIsThree = !result.get("problemId").asText().endsWith("real_4");
            assertThat(result.get("success").asBoolean()).isEqualTo(truthIsThree);
            assertThat(result.get("rollouts").asInt()).isEqualTo(truthIsThree ? 8 : 130);
            assertThat(result.get("totalReward").asDouble()).isEqualTo(truthIsThree ? 8.0 : 0.0);
        }
        JsonNode chains = get("/api/jobs/" + jobId + "/chains");
        assertThat(chains.findValuesAsText("chainId")).doesNotHaveDuplicates();
        assertThat(chains).allSatisfy(chain -> {
            List<String> actions = chain.get("steps").findValuesAsText("action");
            assertThat(actions.get(0)).isEqualTo("sub_task");
            assertThat(actions.get(actions.size() - 1)).isEqualTo("answer");
            JsonNode steps = chain.get("steps");
            for (JsonNode step : steps) {
                String action = step.get("action").asText();
                if (action.equals("double_check") || action.equals("thinking_from_scratch")) {
                    assertThat(step.get("modelRole").asText()).isEqualTo("critic");
                }
            }
        });
        String unsolved = results.findValuesAsText("problemId").stream().filter(id -> id.endsWith("real_4"))
                .findFirst().orElseThrow();
        JsonNode tree = get("/api/jobs/" + jobId + "/problems/" + unsolved + "/tree");
        assertThat(tree.get(0).get("num_visits").asInt()).isEqualTo(130);
        assertThat(tree.findValuesAsText("node_action_name")).contains("reflection", "thinking_from_scratch");
        // every chain of this problem is a judged answer of its tree
        long answers = 0;
        for (JsonNode n : tree) {
            if (n.get("is_terminal").asBoolean() && n.get("num_visits").asInt() > 0) {
                answers++;
            }
        }
        long chainsOfProblem = 0;
        for (JsonNode chain : chains) {
            if (chain.get("problemId").asText().equals(unsolved)) {
                chainsOfProblem++;
            }
        }
        assertThat(chainsOfProblem).isEqualTo(answers);
    }

    @Test
    void searchesGoOnWhenTheDatabaseDropsEveryConnectionMidJob() throws Exception {
        String jobId = submitDemoJob("dropped");
        for (int drop = 1; drop <= 2; drop++) {
            int atLeast = drop * 20;
            await().atMost(WAIT).ignoreExceptions().until(() -> searchedRollouts(jobId) >= atLeast);
            assertThat(PostgresDatabaseResource.endServiceConnections()).as("connections of the generator's pool ended")
                    .isPositive();
        }

        // The REST reads may meet a dropped connection once each (the pool then replaces it): polled, not asserted.
        await().atMost(Duration.ofSeconds(180)).ignoreExceptions()
                .until(() -> "COMPLETED".equals(get("/api/jobs/" + jobId).get("status").asText()));
        JsonNode results = await().atMost(WAIT).ignoreExceptions()
                .until(() -> get("/api/jobs/" + jobId + "/results"), r -> r.size() == 5);
        for (JsonNode result : results) {
            boolean truthIsThree = !result.get("problemId").asText().endsWith("real_4");
            assertThat(result.hasNonNull("error")).as("no problem fails for the database: %s", result).isFalse();
            assertThat(result.get("success").asBoolean()).isEqualTo(truthIsThree);
            assertThat(result.get("rollouts").asInt()).isEqualTo(truthIsThree ? 8 : 130);
        }
        // Connections the job did not happen to use are still broken in the pool: the tests after this one start
        // from fresh ones.
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    /** Rollouts the job's problems have taken so far, read from the database. */
    private static long searchedRollouts(String jobId) {
        return QuarkusTransaction.requiringNew().call(() -> ProblemRun.<ProblemRun>list("jobId", jobId).stream()
                .mapToLong(run -> run.rollouts).sum());
    }

    @Test
    void withTheConfidenceRewardRolloutsAreScoredByTokenConfidenceAndProblemsWithoutTruthGoUnjudged() {
        ObjectNode config = (ObjectNode) readJson(oneCorrectAnswerEnds());
        config.putObject("marco_forge").put("reward", "confidence");
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", "confidence").put("policyUrl", model.openAiBaseUrl());
        body.set("config", config);
        String marker = "confidence-" + UUID.randomUUID();
        var problems = body.putArray("problems");
        problems.addObject().put("id", AutoServices.PREFIX + "no_truth").put("problem", "How many o in " + marker
                + "?");
        problems.addObject().put("id", AutoServices.PREFIX + "with_truth").put("problem", "How many e in " + marker
                + "?").put("solution", 3);
        String jobId = readJson(given().contentType(ContentType.JSON).body(body.toString()).post("/api/jobs")
                .then().statusCode(202).extract().asString()).get("jobId").asText();

        JsonNode job = awaitCompleted(jobId);
        assertThat(job.get("errored").asInt()).isZero();
        // Every model request of the job asked for the top-5 logprobs.
        assertThat(model.requestsMentioning(marker)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.body().get("logprobs").asBoolean()).isTrue();
            assertThat(r.body().get("top_logprobs").asInt()).isEqualTo(5);
        });
        JsonNode chains = get("/api/jobs/" + jobId + "/chains");
        assertThat(chains).isNotEmpty();
        for (JsonNode chain : chains) {
            boolean withTruth = chain.get("problemId").asText().endsWith("with_truth");
            // Judged only where there is a ground truth to judge against.
            assertThat(chain.get("verdict").isNull()).isEqualTo(!withTruth);
            List<String> roles = chain.get("steps").findValuesAsText("modelRole");
            double confidence = chain.get("confidence").asDouble();
            if (roles.contains("critic")) {
                // Policy tokens at 0.8 and critic tokens at 0.6 average strictly between the two.
                assertThat(confidence).isStrictlyBetween(AutoServices.CRITIC_CONFIDENCE,
                        FakePolicyServer.TOKEN_PROBABILITY);
            } else {
                assertThat(confidence).isCloseTo(FakePolicyServer.TOKEN_PROBABILITY, org.assertj.core.data.Offset
                        .offset(1e-9));
            }
        }
        for (JsonNode result : get("/api/jobs/" + jobId + "/results")) {
            // The reward summed at the root is the rollouts' confidences, not 0/1 verdicts.
            double total = result.get("totalReward").asDouble();
            assertThat(total).isGreaterThan(0).isLessThanOrEqualTo(result.get("rollouts").asInt()
                    * FakePolicyServer.TOKEN_PROBABILITY + 1e-9);
            assertThat(total % 1.0).isNotZero();
        }
        // The unjudged problem's chains reach marco.chains too, without a verdict.
        var published = KafkaTestClient.awaitRecord(Topics.CHAINS, r -> r.value().contains(jobId)
                && r.value().contains("no_truth"), WAIT);
        Chain chain = MessageCodec.decode(published.value(), Chain.class);
        assertThat(chain.judged()).isFalse();
        assertThat(chain.confidence()).isNotNull();
    }

    @Test
    void anActionCanNameAModelRoleOfItsOwnBesidePolicyAndCritic() {
        ObjectNode config = (ObjectNode) readJson(oneCorrectAnswerEnds());
        ObjectNode forge = config.putObject("marco_forge");
        ObjectNode roles = forge.putObject("roles");
        roles.putObject("explorer").put("url", model.openAiBaseUrl()).put("model", "explorer-model")
                .put("max_in_flight", 2);
        roles.putObject("checker").put("url", model.openAiBaseUrl()).put("model", "checker-model");
        // thinking is written by the generator with the explorer's server; double_check (special_model) by
        // critic-service with the checker's.
        forge.putObject("action_roles").put("thinking", "explorer").put("double_check", "checker");
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", "roles").put("policyUrl", model.openAiBaseUrl());
        body.set("config", config);
        String marker = "roles-" + UUID.randomUUID();
        body.putArray("problems").addObject().put("id", AutoServices.PREFIX + "roles_" + UUID.randomUUID())
                .put("problem", "How many r in " + marker + "?").put("solution", 3);
        String jobId = readJson(given().contentType(ContentType.JSON).body(body.toString()).post("/api/jobs")
                .then().statusCode(202).extract().asString()).get("jobId").asText();

        JsonNode job = awaitCompleted(jobId);
        assertThat(job.get("solved").asInt()).isEqualTo(1);
        List<String> models = model.requestsMentioning(marker).stream().map(r -> r.body().get("model").asText())
                .toList();
        assertThat(models).contains("explorer-model").doesNotContain("checker-model");
        JsonNode chains = get("/api/jobs/" + jobId + "/chains");
        assertThat(chains).isNotEmpty().allSatisfy(chain -> {
            for (JsonNode step : chain.get("steps")) {
                String expected = switch (step.get("action").asText()) {
                    case "thinking" -> "explorer";
                    case "double_check" -> "checker";
                    case "thinking_from_scratch" -> "critic";
                    default -> "policy";
                };
                assertThat(step.get("modelRole").asText()).as(step.get("action").asText()).isEqualTo(expected);
            }
        });
        var criticRequest = MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.CRITIC_REQUESTS,
                r -> r.value().contains(jobId), WAIT).value(), CriticRequest.class);
        assertThat(criticRequest.endpoint()).isEqualTo(model.openAiBaseUrl());
        assertThat(criticRequest.model()).isEqualTo("checker-model");
    }

    @Test
    void aChainLeftUnacknowledgedInTheOutboxIsSentAgainAndItsRowDeleted() {
        String id = UUID.randomUUID().toString();
        String json = "{\"outboxTest\":\"" + id + "\"}";
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage row = new OutboxMessage();
            row.id = id;
            row.topic = Topics.CHAINS;
            row.key = "outbox-problem";
            row.json = json;
            // as if its sender had crashed a minute ago, between the commit and the send
            row.createdAt = Instant.now().minusSeconds(60);
            row.persist();
        });

        var record = KafkaTestClient.awaitRecord(Topics.CHAINS, r -> json.equals(r.value()), WAIT);
        assertThat(record.key()).isEqualTo("outbox-problem");
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.findById(id) == null));
    }

    @Test
    void garbageOnCriticResultsGoesToTheDeadLetterTopicAndSearchesGoOn() {
        KafkaTestClient.send(Topics.CRITIC_RESULTS, "bad", "{not a critic result");
        // Valid JSON that breaks the record's rules (no texts and no error) is just as unreadable.
        String ruleBreaker = "{\"schemaVersion\":1,\"requestId\":\"r\",\"jobId\":\"j\",\"problemId\":\"p\","
                + "\"parentNodeId\":\"n\",\"action\":\"double_check\",\"texts\":[]}";
        KafkaTestClient.send(Topics.CRITIC_RESULTS, "bad", ruleBreaker);

        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.CRITIC_RESULTS),
                r -> "{not a critic result".equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid CriticResult");
        var deadRule = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.CRITIC_RESULTS),
                r -> ruleBreaker.equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(deadRule, "dead-letter-reason")).contains("'texts' must not be empty");

        runLetterCountingJobToTheEnd();
    }

    @Test
    void aModelServerThatStaysDownPausesTheJobNamingItAndTheJobGoesOnWhenItIsBack() throws IOException {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", "down").put("policyUrl", url);
        body.set("config", readJson(oneCorrectAnswerEnds()));
        body.putArray("problems").addObject().put("id", AutoServices.PREFIX + "down_" + UUID.randomUUID())
                .put("problem", "How many l in lonely?").put("solution", 3);
        String jobId = submit(body.toString());

        // The retries fail; the problem waits instead of failing, and the job says why.
        await().atMost(WAIT).until(() -> "PAUSED".equals(get("/api/jobs/" + jobId).get("status").asText()));
        JsonNode paused = get("/api/jobs/" + jobId);
        assertThat(paused.get("pausedReason").asText())
                .contains("policy model " + url + " unreachable: Connection refused").contains("'sub_task'");
        assertThat(paused.get("errored").asInt()).isZero();
        assertThat(paused.get("problems").get(0).get("status").asText()).isEqualTo("RUNNING");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marco_generator_backends_down"));

        try (var revived = new FakePolicyServer(port)) {
            JsonNode job = awaitCompleted(jobId);
            assertThat(job.get("solved").asInt()).isEqualTo(1);
            assertThat(job.get("errored").asInt()).isZero();
            assertThat(job.get("pausedReason").isNull()).isTrue();
            assertThat(revived.requestsMentioning("lonely")).isNotEmpty();
        }
    }

    @Test
    void aCriticFailureEndsTheProblemWithTheCriticsError() {
        String jobId = submitLetterCounting("critic-fails", "How many c in critic?", 2);
        CriticRequest critic = awaitCriticRequest(jobId);

        send(CriticResult.failed(critic, "critic model http://127.0.0.1:8090/v1 answered HTTP 400: no"));

        JsonNode problem = awaitCompleted(jobId).get("problems").get(0);
        assertThat(problem.get("status").asText()).isEqualTo("ERROR");
        assertThat(problem.get("error").asText()).isEqualTo("critic-service could not write the 'double_check' node:"
                + " critic model http://127.0.0.1:8090/v1 answered HTTP 400: no");
        assertThat(awaitSearchResult(jobId).error()).contains("critic-service");
    }

    @Test
    void aCriticWhoseModelIsDownPausesTheJobAndTheSameRequestIsSentAgainUntilItIsWritten() {
        String jobId = submitLetterCounting("critic-down", "How many d in down? " + UUID.randomUUID(), 1);
        var sent = KafkaTestClient.awaitRecord(Topics.CRITIC_REQUESTS, r -> r.value().contains(jobId), WAIT);
        CriticRequest critic = MessageCodec.decode(sent.value(), CriticRequest.class);

        send(CriticResult.unavailable(critic, "critic model at http://127.0.0.1:8090/v1/chat/completions is"
                + " unreachable: Connection refused"));

        await().atMost(WAIT).until(() -> "PAUSED".equals(get("/api/jobs/" + jobId).get("status").asText()));
        JsonNode paused = get("/api/jobs/" + jobId);
        assertThat(paused.get("pausedReason").asText()).startsWith("critic-service could not write the"
                + " 'double_check' node: critic model at http://127.0.0.1:8090/v1/chat/completions is unreachable");
        assertThat(paused.get("problems").get(0).get("status").asText()).isEqualTo("RUNNING");
        // The very request (same id) is sent again, on the problem's partition after the first one.
        var again = KafkaTestClient.awaitRecord(Topics.CRITIC_REQUESTS, r -> r.value().contains(critic.requestId())
                && r.partition() == sent.partition() && r.offset() > sent.offset(), WAIT);
        assertThat(MessageCodec.decode(again.value(), CriticRequest.class)).isEqualTo(critic);

        // Answering it lets the search go on to the verifier, and the job runs again.
        send(CriticResult.of(critic, java.util.Collections.nCopies(critic.n(), " All right."), "test-critic", null));
        VerifyRequest verify = awaitVerifyRequest(jobId);
        assertThat(verify.problemId()).isEqualTo(critic.problemId());
        await().atMost(WAIT).until(() -> "RUNNING".equals(get("/api/jobs/" + jobId).get("status").asText()));
        assertThat(get("/api/jobs/" + jobId).get("pausedReason").isNull()).isTrue();
    }

    @Test
    void aVerifierFailureEndsTheProblemWithTheVerifiersError() {
        String jobId = submitLetterCounting("verifier-fails", "How many v in verify? " + UUID.randomUUID(), 1);
        CriticRequest critic = awaitCriticRequest(jobId);
        send(CriticResult.of(critic, List.of(" Right."), "sandbox-critic"));
        VerifyRequest verify = awaitVerifyRequest(jobId);

        send(VerifyResult.failed(verify, "unknown evaluator 'count_latter'; known: []"));

        JsonNode problem = awaitCompleted(jobId).get("problems").get(0);
        assertThat(problem.get("status").asText()).isEqualTo("ERROR");
        assertThat(problem.get("error").asText()).isEqualTo("verifier-service could not judge answer node "
                + verify.nodeId() + ": unknown evaluator 'count_latter'; known: []");
        // root, 2 sub_task, 2 thinking, 2 double_check (the critic's one text serves both), 2 thinking, 1 answer
        assertThat(problem.get("nodeCount").asInt()).isEqualTo(10);
        assertThat(get("/api/jobs/" + jobId + "/chains")).isEmpty();
    }

    @Test
    void anotherProducersRequestWithAFaultyConfigIsRecordedAsAnError() {
        String jobId = "external-" + UUID.randomUUID();
        KafkaTestClient.send(Topics.SEARCH_REQUESTS, "bad-config", MessageCodec.encode(SearchRequest.of(jobId,
                new Problem("bad-config", "How many b?", IntNode.valueOf(1), "count_latter"),
                TestJson.json("{\"base_prompt\": \"Q: \", \"action_tree\": {\"base\": {}}}"))));

        JsonNode problem = awaitCompleted(jobId).get("problems").get(0);
        assertThat(problem.get("status").asText()).isEqualTo("ERROR");
        assertThat(problem.get("error").asText()).isEqualTo("config: 'evaluate_func' is required; action_tree has"
                + " no 'answer' action (the end of every chain)");
        assertThat(awaitSearchResult(jobId).treeId()).isNull();
    }

    @Test
    void anotherProducersRequestRunsOverTheReferenceProtocolAndAlwaysWrongAnswersGiveUp() {
        String jobId = "external-" + UUID.randomUUID();
        String question = "How many e in reference-" + UUID.randomUUID() + "?";
        ObjectNode config = (ObjectNode) BuiltInConfigs.find("letter-counting").orElseThrow();
        config.put("url1", model.referenceUrl());
        // Give up after rollout index 4 (> 4 x 1) below the min threshold 1.
        config.put("max_rollout_time", 1);
        config.putArray("search_reward_threshold").add(1).add(1);
        // Policy writes the double_check here; thinking_from_scratch (after a reflection) stays the critic's.
        ((ObjectNode) config.get("action_tree").get("double_check")).put("special_model", false);
        config.putObject("marco_forge").put("temperature", 0.3).put("seed", 42).putObject("tags")
                .put("answer", "final");
        var request = SearchRequest.of(jobId, new Problem(AutoServices.PREFIX + "ext-1", question,
                IntNode.valueOf(5), "count_latter"), config);
        KafkaTestClient.send(Topics.SEARCH_REQUESTS, request.problem().id(), MessageCodec.encode(request));

        VerifyRequest verify = awaitVerifyRequest(jobId);
        assertThat(verify.answerText()).isEqualTo("<final>The answer is: \\boxed{3}</final>\n");
        assertThat(verify.groundTruth()).isEqualTo(IntNode.valueOf(5));

        SearchResult result = awaitSearchResult(jobId);
        assertThat(result.success()).isFalse();
        assertThat(result.error()).isNull();
        assertThat(result.rollouts()).isEqualTo(6);
        assertThat(result.totalReward()).isZero();
        assertThat(result.bestChainId()).isNull();

        JsonNode job = awaitCompleted(jobId);
        assertThat(job.get("unsolved").asInt()).isEqualTo(1);
        assertThat(job.get("name").isNull()).isTrue();

        List<FakePolicyServer.Received> calls = model.requestsMentioning(question);
        assertThat(calls).hasSizeGreaterThan(5).allSatisfy(call -> {
            assertThat(call.path()).isEqualTo("/ref/generate");
            assertThat(call.body().get("user_question").asText()).isEqualTo(BASE_PROMPT + question);
            assertThat(call.body().get("temperature").asDouble()).isEqualTo(0.3);
            assertThat(call.body().get("max_tokens").asInt()).isEqualTo(512);
        });
        // The first rollout: sub_task x2, thinking x2, double_check x2, thinking x2 (one request each), answer x1.
        assertThat(calls.subList(0, 5)).extracting(c -> c.body().get("end_tokens").get(0).asText()).containsExactly(
                "</sub-task>", "</thinking>", "</double-check>", "</thinking>", "</final>");
        assertThat(calls.subList(0, 5)).extracting(c -> c.body().get("n").asInt()).containsExactly(2, 2, 2, 2, 1);
        assertThat(calls.get(4).body().get("model_output").asText()).endsWith("</double-check>\n<final>The answer is:");
        assertThat(calls).noneMatch(c -> c.body().get("end_tokens").get(0).asText().equals("</reflection>"));

        JsonNode chains = get("/api/jobs/" + jobId + "/chains");
        assertThat(chains).allSatisfy(chain -> assertThat(chain.get("verdict").get("correct").asBoolean()).isFalse());
        assertThat(chains.get(0).get("steps").findValuesAsText("modelRole")).containsExactly("policy", "policy",
                "policy", "policy");
        // After the first wrong answer its double_check got a fixed reflection child.
        JsonNode tree = get("/api/jobs/" + jobId + "/problems/" + AutoServices.PREFIX + "ext-1/tree");
        assertThat(tree.findValuesAsText("node_action_name")).contains("reflection");
        assertThat(tree.get(0).get("num_visits").asInt()).isEqualTo(6);
    }

    @Test
    void aModelThatIsBrieflyOverloadedIsRetriedAndOneThatRejectsTheCallIsNot() {
        String flaky = "How many f in flaffy? " + FakePolicyServer.FLAKY + " " + UUID.randomUUID();
        String flakyJob = submitLetterCounting("flaky", flaky, 3);
        String rejected = "How many r in rejected? " + FakePolicyServer.REJECT + " " + UUID.randomUUID();
        String rejectedJob = submitLetterCounting("rejected", rejected, 1);

        // Two 503s, then success on the third attempt: the search goes on to the critic step.
        assertThat(awaitCriticRequest(flakyJob).action()).isEqualTo("double_check");
        assertThat(model.requestsMentioning(flaky)).hasSize(4);

        JsonNode problem = awaitCompleted(rejectedJob).get("problems").get(0);
        assertThat(problem.get("status").asText()).isEqualTo("ERROR");
        assertThat(problem.get("error").asText()).startsWith("policy model " + model.openAiBaseUrl()
                + " answered HTTP 400: {\"error\": {\"message\": \"unsupported parameter\"}}");
        assertThat(model.requestsMentioning(rejected)).hasSize(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marco_generator_problems_total"))
                .body(containsString("marco_generator_model_calls_seconds_count"))
                // Steps of a running problem find its tree in memory instead of reading it again.
                .body(containsString("marco_generator_tree_reads_total{from=\"memory\"}"));
    }

    @Test
    void aTreeThatAnotherInstanceMovedOnIsReadAgainNotOverwrittenFromMemory() {
        String jobId = submitLetterCounting("moved-on", "How many m in moved? " + UUID.randomUUID(), 1);
        CriticRequest critic = awaitCriticRequest(jobId);
        String runId = QuarkusTransaction.requiringNew().call(() -> ProblemRun.<ProblemRun>find("jobId", jobId)
                .firstResult().id);

        // Another instance's step, as this one would see it: the root's visits changed and the version moved on.
        QuarkusTransaction.requiringNew().run(() -> {
            SearchNode.update("visits = 41, totalReward = 41 where problemRunId = ?1 and parentId is null", runId);
            ProblemRun.update("treeVersion = treeVersion + 1 where id = ?1", runId);
        });
        send(CriticResult.of(critic, List.of(" Right."), "test-critic"));
        VerifyRequest verify = awaitVerifyRequest(jobId);
        send(VerifyResult.of(verify, Verdict.correct("1", "boxed answer equals the truth")));

        awaitCompleted(jobId);
        SearchNode root = QuarkusTransaction.requiringNew().call(() -> SearchNode.<SearchNode>find(
                "problemRunId = ?1 and parentId is null", runId).firstResult());
        // The rollout's reward was added to the stored 41, not to the 0 an outdated tree in memory held.
        assertThat(root.visits).isEqualTo(42);
        assertThat(root.totalReward).isEqualTo(42.0);
    }

    @Test
    void aJobLeftRunningAfterItsLastProblemFinishedIsCompletedOnResumeAndAReopenedOneIsNot() {
        String jobId = submitLetterCounting("completion", "How many c in completion? " + UUID.randomUUID(), 1);
        CriticRequest critic = awaitCriticRequest(jobId);
        send(CriticResult.of(critic, List.of(" Right."), "test-critic"));
        send(VerifyResult.of(awaitVerifyRequest(jobId), Verdict.correct("1", "boxed answer equals the truth")));
        awaitCompleted(jobId);

        // As if the generator died between the last problem's commit and the job's completion check.
        QuarkusTransaction.requiringNew().run(() -> Job.update(
                "status = ?1, completedAt = null where id = ?2", Job.RUNNING, jobId));
        // And a job with a problem still pending, which must stay running.
        String openJob = submitLetterCounting("still-open", "How many o in open? " + UUID.randomUUID(), 1);
        awaitCriticRequest(openJob);

        engine.resume();

        Job completed = QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(jobId));
        assertThat(completed.status).isEqualTo(Job.COMPLETED);
        assertThat(completed.completedAt).isNotNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Job.<Job>findById(openJob).status))
                .isEqualTo(Job.RUNNING);
    }

    @Test
    void resumingRepublishesWhatAProblemWaitsForAndTheDuplicateIsHarmless() {
        String jobId = submit("""
                {"name": "resume", "config": %s, "policyUrl": "%s", "criticUrl": "http://critic.test:9/v1",
                 "problems": [{"id": "resume-1", "problem": "How many s in resume? %s", "solution": 1}]}
                """.formatted(oneCorrectAnswerEnds(), model.openAiBaseUrl(), UUID.randomUUID()));
        CriticRequest critic = awaitCriticRequest(jobId);
        // The job's criticUrl travels to critic-service with the request.
        assertThat(critic.endpoint()).isEqualTo("http://critic.test:9/v1");

        engine.resume();

        List<String> sent = new java.util.ArrayList<>();
        KafkaTestClient.awaitRecord(Topics.CRITIC_REQUESTS, r -> {
            if (r.value().contains(critic.requestId())) {
                sent.add(r.value());
            }
            return sent.size() == 2;
        }, WAIT);
        assertThat(MessageCodec.decode(sent.get(1), CriticRequest.class)).isEqualTo(critic);

        send(CriticResult.of(critic, List.of(" Fine."), "sandbox-critic"));
        send(CriticResult.of(critic, List.of(" Fine."), "sandbox-critic"));
        VerifyRequest verify = awaitVerifyRequest(jobId);
        send(VerifyResult.of(verify, Verdict.correct("1", "boxed answer 1 equals the truth")));
        JsonNode job = awaitCompleted(jobId);
        assertThat(job.get("solved").asInt()).isEqualTo(1);
        assertThat(job.get("problems").get(0).get("nodeCount").asInt()).isEqualTo(10);
    }

    @Test
    void aRequestWithFaultsIsRejectedNamingEveryOne() {
        String body = """
                {"config": {"evaluate_func": "count_latter", "base_prompt": "Q: ", "temprature": 1,
                            "action_tree": {"base": {"next_step": {"sub_task": 1}}},
                            "use_for_wrong_answer": {"double_check": {"reflection": 1}}},
                 "policyUrl": "localhost:8090",
                 "problems": [{"id": "a", "problem": "q", "solution": 1}, {"id": "a", "problem": " "},
                              {"problem": "q3", "solution": 3}]}
                """;
        JsonNode errors = readJson(given().contentType(ContentType.JSON).body(body).post("/api/jobs").then()
                .statusCode(400).extract().asString()).get("errors");

        assertThat(texts(errors)).containsExactlyInAnyOrder(
                "'policyUrl' must be an http(s) URL, got \"localhost:8090\"",
                "config: unknown key 'temprature'",
                "config: action_tree has no 'answer' action (the end of every chain)",
                "config: action_tree.base.next_step names unknown action 'sub_task'",
                "config: use_for_wrong_answer names unknown action 'double_check'",
                "config: use_for_wrong_answer.double_check names unknown action 'reflection'",
                "duplicate problem id 'a' (problems[0] and problems[1])",
                "problems[1].problem must not be blank",
                "problems[1].solution is required (the ground truth: a number, string or object; only a config with"
                        + " marco_forge.reward \"confidence\" searches without one)",
                "problems[2].id is required");

        assertThat(texts(readJson(given().contentType(ContentType.JSON).body("{\"config\": \"nope\"}")
                .post("/api/jobs").then().statusCode(400).extract().asString()).get("errors"))).containsExactly(
                        "config: unknown built-in config 'nope'; built-in: [letter-counting]",
                        "'problems' is required: an array of {id, problem, solution}");
        given().contentType(ContentType.JSON).body("{not json").post("/api/jobs").then().statusCode(400)
                .body(containsString("not valid JSON"));
        given().get("/api/jobs/no-such-job").then().statusCode(404).body(containsString("no job 'no-such-job'"));
        given().get("/api/jobs/no-such-job/problems/x/tree").then().statusCode(404);
    }

    @Test
    void readyWhenKafkaAndDatabaseAreUpAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/api/configs").then().statusCode(200).body(containsString("letter-counting"));
        given().get("/api/configs/letter-counting").then().statusCode(200).body(containsString("count_latter"));
    }

    /**
     * Submits demo_config.json unchanged on the first 5 problems of latter_count_hard.json; returns the job id. The
     * fake model always answers 3, so real_0..real_3 (truth 3) are solved in 8 rollouts and real_4 (truth 4) gives
     * up after 130.
     */
    private String submitDemoJob(String name) throws IOException {
        // demo_config.json unchanged; its url1/url2 point at hosts unreachable here, so the job overrides them.
        JsonNode demo = readJson(Files.readString(ReferenceFiles.marcoO1("demo_config.json")));
        JsonNode dataset = readJson(Files.readString(ReferenceFiles.marcoO1("latter_count_hard.json")));
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", name).put("policyUrl", model.openAiBaseUrl()).put("criticUrl", "http://critic.test:9/v1");
        body.set("config", demo);
        var problems = body.putArray("problems");
        for (int i = 0; i < 5; i++) {
            ObjectNode problem = ((ObjectNode) dataset.get(i)).deepCopy();
            problem.put("id", AutoServices.PREFIX + name + "_" + UUID.randomUUID() + "_" + problem.get("id").asText());
            problems.add(problem);
        }
        JsonNode accepted = readJson(given().contentType(ContentType.JSON).body(body.toString()).post("/api/jobs")
                .then().statusCode(202).extract().asString());
        return accepted.get("jobId").asText();
    }

    /**
     * Submits a letter-counting job (one correct answer ends it) against the fake model, answers the critic (twice,
     * the second a duplicate) and the verifier (twice), and checks every output: chain, result, status, trees, and
     * the model calls of the first rollout.
     */
    private void runLetterCountingJobToTheEnd() {
        String question = "Find out the total number of r and i in straightwise (" + UUID.randomUUID() + ").";
        String jobId = submitLetterCounting("letters", question, 3);

        CriticRequest critic = awaitCriticRequest(jobId);
        assertThat(critic.action()).isEqualTo("double_check");
        assertThat(critic.stop()).containsExactly("</double-check>");
        assertThat(critic.n()).as("next_step asks for 2 double_checks in one request").isEqualTo(2);
        assertThat(critic.endpoint()).isNull();
        assertThat(critic.sampling().maxTokens()).isEqualTo(512);
        assertThat(critic.sampling().temperature()).isEqualTo(0.7);
        assertThat(critic.prefill()).isIn("Let's check the result", "Now I need to double check the result",
                "Time to double check the result", "Let's check for some errors or typos.");
        assertThat(critic.conversation()).hasSize(2);
        assertThat(critic.conversation().get(0).content()).isEqualTo(BASE_PROMPT + question);
        String prefix = critic.conversation().get(1).content();
        assertThat(critic.conversation().get(1).role()).isEqualTo("assistant");
        assertThat(prefix).startsWith("<sub-task>").contains("- 2. Count the asked letters.</sub-task>\n<thinking>")
                .endsWith("3 in total.</thinking>\n<double-check>" + critic.prefill());

        // Redelivered results (at-least-once delivery) come twice; the second must change nothing.
        CriticResult criticResult = CriticResult.of(critic, List.of(" The spelling is right.", " All good."),
                "sandbox-critic");
        send(criticResult);
        send(criticResult);

        VerifyRequest verify = awaitVerifyRequest(jobId);
        assertThat(verify.answerText()).isEqualTo("<answer>The answer is: \\boxed{3}</answer>\n");
        assertThat(verify.evaluator()).isEqualTo("count_latter");
        assertThat(verify.groundTruth()).isEqualTo(IntNode.valueOf(3));
        Verdict verdict = Verdict.correct("3", "boxed answer 3 equals the truth");
        send(VerifyResult.of(verify, verdict));
        send(VerifyResult.of(verify, verdict));

        Chain chain = MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.CHAINS,
                r -> r.value().contains(jobId), WAIT).value(), Chain.class);
        assertThat(chain.steps()).extracting(ChainStep::action)
                .containsExactly("sub_task", "thinking", "double_check", "answer");
        assertThat(chain.steps()).extracting(ChainStep::modelRole)
                .containsExactly("policy", "policy", "critic", "policy");
        assertThat(chain.steps().get(2).text())
                .isEqualTo("<double-check>" + critic.prefill() + " The spelling is right.</double-check>\n");
        assertThat(chain.chainId()).isEqualTo(Chain.idFor(chain.treeId(), verify.nodeId()));
        assertThat(chain.nodeIds().get(3)).isEqualTo(verify.nodeId());
        assertThat(chain.verdict()).isEqualTo(verdict);
        assertThat(chain.question()).isEqualTo(question);
        assertThat(chain.basePrompt()).isEqualTo(BASE_PROMPT);
        assertThat(chain.length()).isEqualTo(chain.text().length());
        assertThat(chain.text()).isEqualTo(prefix.substring(0, prefix.lastIndexOf("<double-check>"))
                + chain.steps().get(2).text() + verify.answerText());

        SearchResult result = awaitSearchResult(jobId);
        assertThat(result.success()).isTrue();
        assertThat(result.rollouts()).isEqualTo(1);
        assertThat(result.totalReward()).isEqualTo(1.0);
        assertThat(result.nodeCount()).isEqualTo(10);
        assertThat(result.bestChainId()).isEqualTo(chain.chainId());
        assertThat(result.treeId()).isEqualTo(chain.treeId());
        assertThat(result.error()).isNull();

        JsonNode job = awaitCompleted(jobId);
        assertThat(job.get("name").asText()).isEqualTo("letters");
        assertThat(job.get("total").asInt()).isEqualTo(1);
        assertThat(job.get("solved").asInt()).isEqualTo(1);
        assertThat(job.get("pending").asInt() + job.get("running").asInt() + job.get("unsolved").asInt()
                + job.get("errored").asInt()).isZero();
        JsonNode problem = job.get("problems").get(0);
        assertThat(problem.get("status").asText()).isEqualTo("SOLVED");
        assertThat(problem.get("treeId").asText()).isEqualTo(chain.treeId());
        assertThat(problem.get("nodeCount").asInt()).isEqualTo(10);
        assertThat(problem.get("error").isNull()).isTrue();

        String treePath = "/api/jobs/" + jobId + "/problems/" + problemIdOf(jobId) + "/tree";
        JsonNode tree = get(treePath + "?format=nested");
        assertThat(tree.get("treeId").asText()).isEqualTo(chain.treeId());
        assertThat(tree.get("question").asText()).isEqualTo(question);
        assertThat(tree.get("groundTruth").asInt()).isEqualTo(3);
        JsonNode node = tree.get("root");
        assertThat(node.get("action").asText()).isEqualTo("base");
        assertThat(node.get("modelRole").asText()).isEqualTo("user");
        assertThat(node.get("text").asText()).isEmpty();
        assertThat(node.get("tag").isNull()).isTrue();
        assertThat(node.get("children")).hasSize(2);
        for (ChainStep step : chain.steps()) {
            assertThat(node.get("visits").asInt()).isEqualTo(1);
            assertThat(node.get("totalReward").asDouble()).isEqualTo(1.0);
            // the rollout took the first child at every level (all unvisited)
            node = node.get("children").get(0);
            assertThat(node.get("nodeId").asText()).isEqualTo(step.nodeId());
            assertThat(node.get("text").asText()).isEqualTo(step.text());
            assertThat(node.get("modelRole").asText()).isEqualTo(step.modelRole());
        }
        assertThat(node.get("tag").asText()).isEqualTo("<answer>");
        assertThat(node.get("depth").asInt()).isEqualTo(4);
        assertThat(node.get("verdict").get("correct").asBoolean()).isTrue();
        assertThat(node.get("verdict").get("extractedAnswer").asText()).isEqualTo("3");
        assertThat(node.get("children")).isEmpty();

        JsonNode reference = get(treePath);
        assertThat(reference).hasSize(10);
        assertThat(reference.get(0).get("node_id").asInt()).isEqualTo(1);
        assertThat(reference.get(0).get("node_action_name").asText()).isEqualTo("base");
        assertThat(reference.get(0).get("parent_id").isNull()).isTrue();
        assertThat(reference.get(0).get("node_value").asText()).isEqualTo(question);
        assertThat(reference.get(0).get("all_path_value").asText()).isEmpty();
        assertThat(reference.get(0).get("total_reward").asInt()).isEqualTo(1);
        assertThat(reference.get(0).get("num_visits").asInt()).isEqualTo(1);
        assertThat(reference.get(0).get("total_children_num").asInt()).isEqualTo(2);
        assertThat(reference.get(0).get("children_ids")).hasSize(2);
        JsonNode answerNode = null;
        for (JsonNode n : reference) {
            if (n.get("is_terminal").asBoolean()) {
                answerNode = n;
            }
        }
        assertThat(answerNode.get("node_action_name").asText()).isEqualTo("answer");
        assertThat(answerNode.get("all_path_value").asText()).isEqualTo(chain.text());
        assertThat(answerNode.get("node_value").asText()).isEqualTo(verify.answerText());
        assertThat(answerNode.get("num_visits").asInt()).isEqualTo(1);
        String text = given().get(treePath + "?format=text").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertThat(text.lines()).hasSize(10);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("[node_id: 1, node_action_name: base,"
                + " total_reward: 1, num_visits: 1, total_children_num: 2, depth: 0, is_terminal: False]:\t"
                + question);
        assertThat(text).contains("    [node_id: 4, node_action_name: thinking, total_reward: 1, num_visits: 1,"
                + " total_children_num: 4, depth: 2, is_terminal: False]:\t<thinking>");
        given().get(treePath + "?format=xml").then().statusCode(400).body(containsString("'format'"));

        JsonNode chains = get("/api/jobs/" + jobId + "/chains");
        assertThat(chains).hasSize(1);
        assertThat(MessageCodec.decode(chains.get(0).toString(), Chain.class)).isEqualTo(chain);
        JsonNode results = get("/api/jobs/" + jobId + "/results");
        assertThat(MessageCodec.decode(results.get(0).toString(), SearchResult.class)).isEqualTo(result);
        given().get("/api/jobs").then().statusCode(200).body(containsString(jobId));

        List<FakePolicyServer.Received> calls = model.requestsMentioning(question);
        assertThat(calls).hasSize(4).allSatisfy(call -> {
            JsonNode body = call.body();
            assertThat(call.path()).isEqualTo("/v1/chat/completions");
            assertThat(body.get("model").asText()).isEqualTo("sandbox-policy");
            assertThat(body.get("max_tokens").asInt()).isEqualTo(512);
            assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
            assertThat(body.get("continue_final_message").asBoolean()).isTrue();
            assertThat(body.get("add_generation_prompt").asBoolean()).isFalse();
            assertThat(body.get("messages")).hasSize(2);
            assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
            assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo(BASE_PROMPT + question);
            assertThat(body.get("messages").get(1).get("role").asText()).isEqualTo("assistant");
        });
        assertThat(calls).extracting(c -> c.body().get("n").asInt()).containsExactly(2, 2, 2, 1);
        assertThat(calls.get(0).body().get("stop")).containsExactly(MessageCodec.mapper().valueToTree("</sub-task>"));
        assertThat(calls.get(0).body().get("messages").get(1).get("content").asText())
                .isEqualTo(chain.steps().get(0).text().substring(0, chain.steps().get(0).text().indexOf("- 1.") + 4));
        assertThat(calls.get(1).body().get("stop").get(0).asText()).isEqualTo("</thinking>");
        assertThat(calls.get(1).body().get("messages").get(1).get("content").asText())
                .isEqualTo(chain.steps().get(0).text() + "<thinking>");
        assertThat(calls.get(2).body().get("stop").get(0).asText()).isEqualTo("</thinking>");
        assertThat(calls.get(2).body().get("messages").get(1).get("content").asText())
                .isEqualTo(chain.steps().get(0).text() + chain.steps().get(1).text() + "<thinking>");
        assertThat(calls.get(3).body().get("stop").get(0).asText()).isEqualTo("</answer>");
        assertThat(calls.get(3).body().get("messages").get(1).get("content").asText())
                .isEqualTo(chain.text().substring(0, chain.text().length() - verify.answerText().length())
                        + "<answer>The answer is:");

        // The duplicates sent above, and a repeated search request, change nothing.
        KafkaTestClient.send(Topics.SEARCH_REQUESTS, problemIdOf(jobId), MessageCodec.encode(SearchRequest.of(jobId,
                new Problem(problemIdOf(jobId), question, IntNode.valueOf(3), "count_latter"),
                BuiltInConfigs.find("letter-counting").orElseThrow())));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode again = get("/api/jobs/" + jobId);
            assertThat(again.get("problems").get(0).get("status").asText()).isEqualTo("SOLVED");
            assertThat(again.get("problems").get(0).get("nodeCount").asInt()).isEqualTo(10);
            assertThat(get("/api/jobs/" + jobId + "/chains")).hasSize(1);
        });
        assertThat(model.requestsMentioning(question)).hasSize(4);
    }

    /** The letter-counting config with thresholds [1, 1]: the first correct answer ends the search. */
    private static String oneCorrectAnswerEnds() {
        ObjectNode config = (ObjectNode) BuiltInConfigs.find("letter-counting").orElseThrow();
        config.putArray("search_reward_threshold").add(1).add(1);
        return config.toString();
    }

    private String submitLetterCounting(String name, String question, int solution) {
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", name).put("policyUrl", model.openAiBaseUrl());
        body.set("config", readJson(oneCorrectAnswerEnds()));
        body.putArray("problems").addObject().put("id", "real_" + UUID.randomUUID()).put("problem", question)
                .put("solution", solution);
        return submit(body.toString());
    }

    private static String submit(String body) {
        var response = given().contentType(ContentType.JSON).body(body).post("/api/jobs").then().statusCode(202)
                .extract();
        JsonNode accepted = readJson(response.asString());
        assertThat(accepted.get("status").asText()).isEqualTo("RUNNING");
        assertThat(accepted.get("problems").asInt()).isEqualTo(1);
        String jobId = accepted.get("jobId").asText();
        assertThat(response.header("Location")).endsWith("/api/jobs/" + jobId);
        return jobId;
    }

    private static String problemIdOf(String jobId) {
        return get("/api/jobs/" + jobId).get("problems").get(0).get("problemId").asText();
    }

    private static JsonNode awaitCompleted(String jobId) {
        // A job sent over Kafka by another producer is unknown (404) until its first request is consumed.
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> "COMPLETED".equals(get("/api/jobs/" + jobId).get("status").asText()));
        return get("/api/jobs/" + jobId);
    }

    private static CriticRequest awaitCriticRequest(String jobId) {
        return MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.CRITIC_REQUESTS,
                r -> r.value().contains(jobId), WAIT).value(), CriticRequest.class);
    }

    private static VerifyRequest awaitVerifyRequest(String jobId) {
        return MessageCodec.decode(KafkaTestClient.awaitRecord(Topics.VERIFY_REQUESTS,
                r -> r.value().contains(jobId), WAIT).value(), VerifyRequest.class);
    }

    private static SearchResult awaitSearchResult(String jobId) {
        var record = KafkaTestClient.awaitRecord(Topics.SEARCH_RESULTS, r -> r.value().contains(jobId), WAIT);
        SearchResult result = MessageCodec.decode(record.value(), SearchResult.class);
        assertThat(record.key()).isEqualTo(result.problemId());
        return result;
    }

    private static void send(CriticResult result) {
        KafkaTestClient.send(Topics.CRITIC_RESULTS, result.problemId(), MessageCodec.encode(result));
    }

    private static void send(VerifyResult result) {
        KafkaTestClient.send(Topics.VERIFY_RESULTS, result.problemId(), MessageCodec.encode(result));
    }

    private static JsonNode get(String path) {
        return readJson(given().get(path).then().statusCode(200).extract().asString());
    }

    private static List<String> texts(JsonNode array) {
        return MessageCodec.mapper().convertValue(array,
                MessageCodec.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static JsonNode readJson(String text) {
        try {
            return MessageCodec.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
