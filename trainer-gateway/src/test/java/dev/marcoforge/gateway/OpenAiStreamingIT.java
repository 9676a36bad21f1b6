package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.openai.PendingCompletions;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming, the reasoning split, legacy completions, keys and limits, over a real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(ApiTestSettings.class)
class OpenAiStreamingIT {

    private static FakeInferenceService inference;
    private static String apiKey;

    @Inject
    PendingCompletions pending;

    @BeforeAll
    static void startInferenceService() {
        inference = new FakeInferenceService();
    }

    @AfterAll
    static void stopInferenceService() throws InterruptedException {
        inference.close();
    }

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        if (apiKey == null) {
            apiKey = TestKeys.unlimited("streaming-it");
        }
    }

    @Test
    void aStreamComesAsOpenAiChunksWithRoleFirstThenUsageThenDone() throws Exception {
        List<String> events = stream(Map.of("model", "marco-sandbox", "stream", true,
                "stream_options", Map.of("include_usage", true), "n", 2,
                "messages", List.of(Map.of("role", "user", "content", "Hello there"))));

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(OpenAiStreamingIT::json).toList();
        String id = chunks.get(0).path("id").asText();
        assertThat(id).startsWith("chatcmpl-");
        for (JsonNode chunk : chunks) {
            assertThat(chunk.path("id").asText()).isEqualTo(id);
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("marco-sandbox");
            assertThat(chunk.path("created").asLong()).isPositive();
        }
        // The first chunk of each choice: the role only.
        for (int i = 0; i < 2; i++) {
            JsonNode first = chunks.get(i).path("choices").path(0);
            assertThat(first.path("index").asInt()).isEqualTo(i);
            assertThat(first.path("delta").path("role").asText()).isEqualTo("assistant");
            assertThat(first.path("delta").path("content").asText()).isEmpty();
            assertThat(first.path("finish_reason").isNull()).isTrue();
        }
        StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
        String[] finish = new String[2];
        for (JsonNode chunk : chunks.subList(2, chunks.size() - 1)) {
            JsonNode choice = chunk.path("choices").path(0);
            int index = choice.path("index").asInt();
            assertThat(finish[index]).as("no delta after the finish").isNull();
            texts[index].append(choice.path("delta").path("content").asText(""));
            if (!choice.path("finish_reason").isNull()) {
                finish[index] = choice.path("finish_reason").asText();
                assertThat(choice.path("delta").size()).isZero();
            }
        }
        assertThat(texts[0]).hasToString("echo: Hello there");
        assertThat(texts[1]).hasToString("echo: Hello there");
        assertThat(finish).containsExactly("stop", "stop");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices").size()).isZero();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(16);

        var request = inference.request(id);
        assertThat(request.stream()).isTrue();
        assertThat(request.n()).isEqualTo(2);
    }

    @Test
    void withoutIncludeUsageThereIsNoUsageChunk() throws Exception {
        List<String> events = stream(Map.of("model", "marco-sandbox", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "x"))));
        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> assertThat(json(e).has("usage")).isFalse());
    }

    @Test
    void reasoningIsSplitFromTheAnswerWholeAndStreamedAndRawOnRequest() throws Exception {
        var marco = List.of(Map.of("role", "user", "content", "marco"));
        chat(Map.of("model", ApiTestSettings.REASONER, "messages", marco)).then().statusCode(200)
                .body("choices[0].message.content", equalTo("There are 3."))
                .body("choices[0].message.reasoning_content", containsString("<thinking>s-t-r-a-w-b-e-r-r-y"))
                .body("choices[0].message.reasoning_content", org.hamcrest.Matchers.not(containsString("answer>")));

        List<String> events = stream(Map.of("model", ApiTestSettings.REASONER, "stream", true, "messages", marco));
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode delta = json(event).path("choices").path(0).path("delta");
            reasoning.append(delta.path("reasoning_content").asText(""));
            content.append(delta.path("content").asText(""));
        }
        assertThat(content).hasToString("There are 3.");
        assertThat(reasoning.toString()).startsWith("<sub-task>Count").endsWith("<double-check>Yes, three."
                + "</double-check>");

        chat(Map.of("model", ApiTestSettings.REASONER, "messages", marco, "reasoning_parser", "none"))
                .then().statusCode(200)
                .body("choices[0].message.content", equalTo(FakeInferenceService.MARCO_TEXT))
                .body("choices[0].message.containsKey('reasoning_content')", equalTo(false));
        given().auth().oauth2(apiKey).header("X-Reasoning-Parser", "none").contentType(ContentType.JSON)
                .body(Map.of("model", ApiTestSettings.REASONER, "messages", marco)).post("/v1/chat/completions")
                .then().statusCode(200).body("choices[0].message.content", equalTo(FakeInferenceService.MARCO_TEXT));
    }

    @Test
    void anErrorBeforeAnyOutputKeepsItsStatusAndOneMidStreamIsAnErrorEvent() throws Exception {
        chat(Map.of("model", "marco-sandbox", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "fail:503"))))
                .then().statusCode(503).contentType(ContentType.JSON)
                .body("error.code", equalTo("upstream_unavailable"));

        List<String> events = stream(Map.of("model", "marco-sandbox", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "fail-mid-stream"))));
        assertThat(events).doesNotContain("[DONE]");
        JsonNode error = json(events.get(events.size() - 1));
        assertThat(error.path("error").path("message").asText()).isEqualTo("the upstream broke off");
        assertThat(error.path("error").path("code").asText()).isEqualTo("upstream_error");
        assertThat(json(events.get(1)).path("choices").path(0).path("delta").path("content").asText())
                .isEqualTo("Hello");
    }

    @Test
    void aClientThatGoesAwayMidStreamFreesItsRequest() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MessageCodec.encode(Map.of("model", "marco-sandbox",
                        "stream", true, "messages", List.of(Map.of("role", "user", "content", "slow-stream"))))))
                .build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        int ticks = 0;
        while (ticks < 2) {
            String line = reader.readLine();
            if (line != null && line.contains("tick")) {
                ticks++;
            }
        }
        assertThat(pending.size()).isPositive();
        response.body().close();
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.size() == 0);
        given().get("/q/metrics").then().body(containsString("status=\"499\""));
    }

    @Test
    void legacyCompletionsTakeARawPromptWholeAndStreamed() throws Exception {
        Response whole = given().auth().oauth2(apiKey).contentType(ContentType.JSON)
                .body(Map.of("model", "marco-sandbox", "prompt", "Once upon", "max_tokens", 7))
                .post("/v1/completions");
        whole.then().statusCode(200)
                .body("object", equalTo("text_completion"))
                .body("choices[0].text", equalTo("text: Once upon"))
                .body("choices[0].finish_reason", equalTo("length"))
                .body("choices[0].logprobs", nullValue())
                .body("usage.total_tokens", equalTo(5));
        String id = whole.path("id");
        assertThat(id).startsWith("cmpl-");
        assertThat(inference.request(id).prompt()).isEqualTo("Once upon");
        assertThat(inference.request(id).messages()).isEmpty();
        assertThat(inference.request(id).sampling().maxTokens()).isEqualTo(7);

        List<String> events = streamAt("/v1/completions", Map.of("model", "marco-sandbox", "prompt", "Once",
                "stream", true, "stream_options", Map.of("include_usage", true)));
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 2)) {
            JsonNode chunk = json(event);
            assertThat(chunk.path("object").asText()).isEqualTo("text_completion");
            text.append(chunk.path("choices").path(0).path("text").asText());
        }
        assertThat(text).hasToString("text: Once");
        assertThat(json(events.get(events.size() - 2)).path("usage").path("total_tokens").asInt()).isEqualTo(16);
    }

    @Test
    void keysAreRequiredAndCheckedAndLimitModels() {
        var body = Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "hi")));
        given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions").then().statusCode(401)
                .body("error.message", containsString("didn't provide an API key"));
        given().auth().oauth2("mf-000000000000-wrong").contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().auth().oauth2("sk-not-even-our-format").get("/v1/models").then().statusCode(401);
        // A right id with a wrong secret is as wrong as any other key.
        String realId = apiKey.substring(3, 15);
        given().auth().oauth2("mf-" + realId + "-guess").contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions").then().statusCode(401);

        String narrow = TestKeys.create(Map.of("name", "only-o1", "models", List.of("marco-o1-test")));
        given().auth().oauth2(narrow).contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().auth().oauth2(narrow).get("/v1/models").then().statusCode(200)
                .body("data.id", equalTo(List.of("marco-o1-test")));
        given().auth().oauth2(apiKey).contentType(ContentType.JSON)
                .body(Map.of("model", "gpt-9", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions").then().statusCode(404).body("error.param", equalTo("model"));
    }

    @Test
    void overALimitIs429WithRetryAfter() {
        String key = TestKeys.create(Map.of("name", "two-a-minute", "requests_per_minute", 2));
        var body = Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "hi")));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(key).contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                    .then().statusCode(200);
        }
        Response limited = given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions");
        limited.then().statusCode(429).body("error.code", equalTo("rate_limit_exceeded"))
                .body("error.message", containsString("2 requests per minute"));
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);

        String tokens = TestKeys.create(Map.of("name", "few-tokens", "tokens_per_minute", 5));
        given().auth().oauth2(tokens).contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(200);
        given().auth().oauth2(tokens).contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(429).body("error.message", containsString("tokens per minute"))
                .header("Retry-After", notNullValue());

        String single = TestKeys.create(Map.of("name", "one-at-a-time", "max_concurrent", 1));
        var slow = new Thread(() -> given().auth().oauth2(single).contentType(ContentType.JSON)
                .body(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content",
                        "silence")))).post("/v1/chat/completions"));
        slow.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.size() > 0);
        given().auth().oauth2(single).contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(429).body("error.message", containsString("concurrent"));
    }

    @Test
    void theAdminApiNeedsItsSecretListsWithoutSecretsAndRevokes() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/admin/keys").then().statusCode(401);
        given().auth().oauth2("wrong").get("/admin/keys").then().statusCode(401);
        given().auth().oauth2(ApiTestSettings.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("name", "", "models", List.of("nope"), "requests_per_minute", -1)).post("/admin/keys")
                .then().statusCode(400).body("error.message", containsString("'name'"))
                .body("error.message", containsString("'models'"))
                .body("error.message", containsString("'requests_per_minute'"));

        String key = TestKeys.create(Map.of("name", "to-revoke", "requests_per_minute", 100));
        String id = key.substring(3, 15);
        given().auth().oauth2(ApiTestSettings.ADMIN_SECRET).get("/admin/keys").then().statusCode(200)
                .body("data.find { it.id == '" + id + "' }.name", equalTo("to-revoke"))
                .body("data.find { it.id == '" + id + "' }.requests_per_minute", equalTo(100))
                .body("data.find { it.id == '" + id + "' }.containsKey('key')", equalTo(false))
                .body(org.hamcrest.Matchers.not(containsString(key.substring(16))));
        given().auth().oauth2(key).get("/v1/models").then().statusCode(200);
        given().auth().oauth2(ApiTestSettings.ADMIN_SECRET).delete("/admin/keys/" + id).then().statusCode(200)
                .body("revoked_at", notNullValue());
        given().auth().oauth2(key).get("/v1/models").then().statusCode(401)
                .body("error.message", containsString("revoked"));
        given().auth().oauth2(ApiTestSettings.ADMIN_SECRET).delete("/admin/keys/ffffffffffff").then().statusCode(404);
    }

    @Test
    void metricsArePerKeyAndModel() {
        chat(Map.of("model", "marco-sandbox", "messages", List.of(Map.of("role", "user", "content", "count me"))))
                .then().statusCode(200);
        String id = apiKey.substring(3, 15);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("marco_gateway_api_requests_total{endpoint=\"chat.completions\",key=\"" + id
                + "\",model=\"marco-sandbox\",status=\"200\"}");
        assertThat(metrics).contains("marco_gateway_api_tokens_total{key=\"" + id
                + "\",kind=\"completion\",model=\"marco-sandbox\"}");
        assertThat(metrics).contains("marco_gateway_api_latency_seconds_count{key=\"" + id);
    }

    private static Response chat(Map<String, ?> body) {
        return given().auth().oauth2(apiKey).contentType(ContentType.JSON).body(body).post("/v1/chat/completions");
    }

    private static List<String> stream(Map<String, ?> body) throws Exception {
        return streamAt("/v1/chat/completions", body);
    }

    /** The data of each server-sent event, in order. */
    private static List<String> streamAt(String path, Map<String, ?> body) throws Exception {
        Response response = given().auth().oauth2(apiKey).contentType(ContentType.JSON).body(body).post(path);
        response.then().statusCode(200).header("Content-Type", containsString("text/event-stream"));
        List<String> events = new ArrayList<>();
        for (String block : response.asString().split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            assertThat(block).startsWith("data: ");
            events.add(block.substring("data: ".length()));
        }
        return events;
    }

    private static JsonNode json(String text) {
        try {
            return MessageCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
