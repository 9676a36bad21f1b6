package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.marcoforge.contracts.Topics;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible API over a real broker, with the test playing the inference service. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(ApiTestSettings.class)
class OpenAiApiIT {

    private static FakeInferenceService inference;
    private static String apiKey;

    @BeforeAll
    static void startInferenceService() {
        inference = new FakeInferenceService();
    }

    @AfterAll
    static void stopInferenceService() throws InterruptedException {
        inference.close();
    }

    @BeforeEach
    void gatewayReadsReplies() {
        // Until its reply partitions are assigned the gateway would miss answers; readiness says when.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        if (apiKey == null) {
            apiKey = TestKeys.unlimited("openai-api-it");
        }
    }

    @Test
    void chatCompletionTravelsOverKafkaAndComesBackInOpenAiShape() {
        Response response = chat(Map.of("model", "marco-sandbox",
                "messages", List.of(Map.of("role", "system", "content", "Be brief."),
                        Map.of("role", "user", "content", "How many r in strawberry?")),
                "temperature", 0.7, "top_p", 0.9, "n", 2, "max_completion_tokens", 64, "stop", "</answer>",
                "seed", 7));

        response.then().statusCode(200).contentType(ContentType.JSON)
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo("marco-sandbox"))
                .body("choices.size()", equalTo(2))
                .body("choices[0].index", equalTo(0))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo("echo 0: How many r in strawberry?"))
                .body("choices[1].message.content", equalTo("echo 1: How many r in strawberry?"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].containsKey('logprobs')", equalTo(true))
                .body("choices[0].logprobs", nullValue())
                .body("usage.prompt_tokens", equalTo(3))
                .body("usage.completion_tokens", equalTo(5))
                .body("usage.total_tokens", equalTo(8));
        String id = response.path("id");
        assertThat(id).startsWith("chatcmpl-");
        assertThat(((Number) response.path("created")).longValue())
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));

        var request = inference.request(id);
        assertThat(inference.key(id)).isEqualTo(id);
        assertThat(request.messages()).hasSize(2);
        assertThat(request.messages().get(0).role()).isEqualTo("system");
        assertThat(request.sampling().temperature()).isEqualTo(0.7);
        assertThat(request.sampling().topP()).isEqualTo(0.9);
        assertThat(request.sampling().maxTokens()).isEqualTo(64);
        assertThat(request.sampling().seed()).isEqualTo(7L);
        assertThat(request.n()).isEqualTo(2);
        assertThat(request.stop()).containsExactly("</answer>");
        assertThat(request.stream()).isFalse();
        assertThat(request.deadlineEpochMillis()).isGreaterThan(System.currentTimeMillis() - 60_000)
                .isLessThan(System.currentTimeMillis() + 10_000);
    }

    @Test
    void textContentPartsAreJoinedAndChunkedResultsAreAssembled() {
        chat(Map.of("model", "marco-o1-test", "messages", List.of(Map.of("role", "user",
                "content", List.of(Map.of("type", "text", "text", "chunks"))))))
                .then().statusCode(200)
                .body("model", equalTo("marco-o1-test"))
                .body("choices[0].message.content", equalTo("Hello, world."))
                .body("choices[0].finish_reason", equalTo("length"))
                .body("usage.total_tokens", equalTo(6));
    }

    @Test
    void concurrentCallersEachGetTheirOwnReply() {
        var pool = Executors.newFixedThreadPool(12);
        try {
            var calls = IntStream.range(0, 24).mapToObj(i -> CompletableFuture.supplyAsync(() -> chat(Map.of(
                    "model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "slow " + i)))),
                    pool)).toList();
            for (int i = 0; i < calls.size(); i++) {
                calls.get(i).join().then().statusCode(200)
                        .body("choices[0].message.content", equalTo("echo 0: slow " + i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInferenceErrorIsAnsweredWithItsStatusInOpenAiShape() {
        chat(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "fail:503"))))
                .then().statusCode(503)
                .body("error.message", equalTo("the model server is unreachable"))
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("upstream_unavailable"))
                .body("error.containsKey('param')", equalTo(true));
    }

    @Test
    void noAnswerWithinTheTimeoutIs504() {
        long start = System.nanoTime();
        chat(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "silence"))))
                .then().statusCode(504)
                .body("error.message", containsString("no inference result within 3s"))
                .body("error.code", equalTo("timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void resultsForOtherReplicasAndGarbageAreIgnoredOrDeadLettered() {
        inference.publishRaw("chatcmpl-elsewhere", "{\"schemaVersion\":1,\"requestId\":\"chatcmpl-elsewhere\","
                + "\"sequence\":0,\"last\":true,\"choices\":[{\"index\":0,\"content\":\"x\"}]}");
        inference.publishRaw("junk", "{definitely not a result");

        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.INFERENCE_RESULTS),
                r -> "{definitely not a result".equals(r.value()), Duration.ofSeconds(30));
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid InferenceResult");

        chat(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "still here?"))))
                .then().statusCode(200).body("choices[0].message.content", equalTo("echo 0: still here?"));
    }

    @Test
    void invalidRequestsAre400NamingTheField() {
        var user = List.of(Map.of("role", "user", "content", "hi"));
        expectInvalid(Map.of("messages", user), "model", "'model' is required");
        expectInvalid(Map.of("model", "marco-sandbox"), "messages", "'messages' is required");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", List.of()), "messages", "non-empty array");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "tool", "content", "x"))),
                "messages[0].role", "must be one of [assistant, system, user]");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "image_url", "image_url", Map.of("url", "http://x")))))),
                "messages[0].content[0]", "only text parts are supported");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "temperature", 2.5), "temperature",
                "within [0, 2]");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "top_p", 0), "top_p", "within (0, 1]");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "n", 17), "n", "from 1 to 16");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "max_tokens", 0), "max_tokens",
                "positive integer");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "max_completion_tokens", -3),
                "max_completion_tokens", "positive integer");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "stop", List.of("a", "b", "c", "d", "e")),
                "stop", "at most 4");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "stream", "yes"), "stream",
                "must be a boolean");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "stream_options",
                Map.of("include_usage", true)), "stream_options", "only allowed when 'stream' is true");
        expectInvalid(Map.of("model", "marco-sandbox", "messages", user, "reasoning_parser", "deepseek"),
                "reasoning_parser", "must be one of [marco, think, none]");
    }

    @Test
    void everyProblemIsNamedWhenThereAreSeveral() {
        chat(Map.of("model", 5, "messages", List.of(Map.of("role", "user", "content", "hi")), "temperature", -1))
                .then().statusCode(400)
                .body("error.param", equalTo("model"))
                .body("error.message", containsString("'model' must be a non-empty string"))
                .body("error.message", containsString("'temperature' must be within [0, 2]"));
    }

    @Test
    void malformedJsonIs400InOpenAiShape() {
        given().auth().oauth2(apiKey).contentType(ContentType.JSON).body("{\"model\": \"marco-sandbox\", \"messages\": [")
                .post("/v1/chat/completions")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("not valid JSON"))
                .body("error.code", nullValue());
        given().auth().oauth2(apiKey).contentType(ContentType.JSON).body("[1, 2]").post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", containsString("must be a JSON object"));
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        chat(Map.of("model", "gpt-9", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .then().statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.param", equalTo("model"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("gpt-9"));
    }

    @Test
    void modelsAreListedFromConfiguration() {
        given().auth().oauth2(apiKey).get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                // Configured models first, in order; models trained by other tests on the shared broker follow.
                .body("data.id.take(3)", equalTo(List.of("marco-sandbox", "marco-o1-test", ApiTestSettings.REASONER)))
                .body("data[0].object", equalTo("model"))
                .body("data[0].owned_by", equalTo("marco-forge"))
                .body("data[0].created", org.hamcrest.Matchers.greaterThan(1_600_000_000));
    }

    @Test
    void readyWithKafkaDatabaseAndRepliesAndMetricsAreExposed() {
        chat(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "count me"))))
                .then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"))
                .body(containsString("Inference replies"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("marco_gateway_chat_completions_total{status=\"200\"}"));
    }

    @Test
    void theCompletionRoutesAreDescribedInTheOpenApiDocumentBesideTheScannedOnes() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/chat/completions'.post.operationId", equalTo("createChatCompletion"))
                .body("paths.'/v1/chat/completions'.post.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ChatCompletionRequest"))
                .body("paths.'/v1/chat/completions'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "400", "401", "404", "429", "502", "503", "504"))
                .body("paths.'/v1/completions'.post.operationId", equalTo("createCompletion"))
                .body("components.schemas.ErrorResponse.properties.error.properties.keySet()",
                        org.hamcrest.Matchers.hasItems("message", "type", "param", "code"))
                // Scanned from the JAX-RS resources, merged with the static part.
                .body("paths.'/v1/models'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/trainings'.post", org.hamcrest.Matchers.notNullValue());
    }

    private static void expectInvalid(Map<String, Object> body, String param, String messagePart) {
        chat(body).then().statusCode(400).contentType(ContentType.JSON)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.message", containsString(messagePart))
                .body("error.code", nullValue());
    }

    private static Response chat(Map<String, ?> body) {
        return given().auth().oauth2(apiKey).contentType(ContentType.JSON).body(body).post("/v1/chat/completions");
    }
}
