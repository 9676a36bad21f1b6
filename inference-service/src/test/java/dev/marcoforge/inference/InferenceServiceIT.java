package dev.marcoforge.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The inference-service over a real broker, calling a fake OpenAI-compatible upstream inside the test. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FakeUpstreamServer.class)
class InferenceServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "marco.inference.models.marco-sandbox.base-url")
    String upstreamUrl;

    @Test
    void aCompletionIsAnsweredKeyedByRequestIdWithContentAndUsage() throws Exception {
        String question = "How many r in strawberry? " + UUID.randomUUID();
        var request = new InferenceRequest(1, UUID.randomUUID().toString(), "marco-sandbox",
                List.of(ChatMessage.system("Think first."), ChatMessage.user(question)),
                new Sampling(0.3, 0.8, 64, 5L), 2, List.of("</answer>"), "alice", false, inSeconds(30));
        send(request);

        var record = awaitResult(request.requestId());
        InferenceResult result = MessageCodec.decode(record.value(), InferenceResult.class);
        assertThat(record.key()).isEqualTo(request.requestId());
        assertThat(result.error()).isNull();
        assertThat(result.last()).isTrue();
        assertThat(result.sequence()).isZero();
        assertThat(result.model()).isEqualTo("marco-sandbox");
        assertThat(result.choices()).containsExactly(
                new InferenceResult.Choice(0, "echo 0: " + question, "stop"),
                new InferenceResult.Choice(1, "echo 1: " + question, "length"));
        assertThat(result.usage()).isEqualTo(new InferenceResult.Usage(11, 7, 18));

        JsonNode call = onlyCall(question);
        assertThat(call.path("authorization").asText()).isEqualTo("Bearer " + FakeUpstreamServer.API_KEY);
        JsonNode body = call.path("body");
        assertThat(body.path("model").asText()).isEqualTo("sandbox-policy");
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.path("stop").get(0).asText()).isEqualTo("</answer>");
        assertThat(body.path("seed").asLong()).isEqualTo(5L);
        assertThat(body.path("user").asText()).isEqualTo("alice");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void anUnknownModelIs404NamingTheKnownOnes() {
        var request = request("no-such-model", "Hi " + UUID.randomUUID(), false, inSeconds(30));
        send(request);

        var error = errorOf(request);
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.code()).isEqualTo("model_not_found");
        assertThat(error.message()).contains("'no-such-model'").contains("marco-sandbox").contains("narrow");
    }

    @Test
    void anUnreachableUpstreamIs502() {
        var request = request("dead", "Anyone? " + UUID.randomUUID(), false, inSeconds(30));
        send(request);

        var error = errorOf(request);
        assertThat(error.status()).isEqualTo(502);
        assertThat(error.type()).isEqualTo("upstream_error");
        assertThat(error.message()).contains("'dead'").contains("unreachable");
    }

    @Test
    void upstreamClientErrorsPassThroughAndServerErrorsBecome502() {
        var rejected = request("marco-sandbox", "Too long [status:400] " + UUID.randomUUID(), false, inSeconds(30));
        var limited = request("marco-sandbox", "Busy [status:429] " + UUID.randomUUID(), false, inSeconds(30));
        var broken = request("marco-sandbox", "Broken [status:500] " + UUID.randomUUID(), false, inSeconds(30));
        var misconfigured = request("marco-sandbox", "Key [status:401] " + UUID.randomUUID(), false,
                inSeconds(30));
        send(rejected);
        send(limited);
        send(broken);
        send(misconfigured);

        assertThat(errorOf(rejected)).isEqualTo(
                new InferenceResult.Error(400, "fake_error", "fake says no (400)", "fake_400"));
        assertThat(errorOf(limited).status()).isEqualTo(429);
        var serverError = errorOf(broken);
        assertThat(serverError.status()).isEqualTo(502);
        assertThat(serverError.type()).isEqualTo("upstream_error");
        assertThat(serverError.message()).contains("HTTP 500").contains("fake says no (500)");
        assertThat(errorOf(misconfigured).status()).isEqualTo(502);
    }

    @Test
    void aSlowUpstreamIs504AndAnExpiredRequestIsDroppedUnsent() throws Exception {
        var slow = request("marco-sandbox", "Slow [slow:4000] " + UUID.randomUUID(), false, inSeconds(30));
        String lateQuestion = "Late " + UUID.randomUUID();
        var late = request("marco-sandbox", lateQuestion, false, System.currentTimeMillis() - 1_000);
        send(slow);
        send(late);

        var timeout = errorOf(slow);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.type()).isEqualTo("timeout");
        assertThat(timeout.message()).contains("2000 ms");

        var expired = errorOf(late);
        assertThat(expired.status()).isEqualTo(504);
        assertThat(expired.type()).isEqualTo("timeout");
        assertThat(expired.code()).isEqualTo("deadline_exceeded");
        assertThat(calls(lateQuestion)).isEmpty();
    }

    @Test
    void eachBackendKeepsItsConcurrencyLimit() throws Exception {
        List<InferenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(request("narrow", "Narrow " + i + " " + UUID.randomUUID(), false, inSeconds(30)));
            requests.add(request("wide", "Wide " + i + " " + UUID.randomUUID(), false, inSeconds(30)));
        }
        requests.forEach(InferenceServiceIT::send);

        Set<String> pending = new HashSet<>();
        requests.forEach(r -> pending.add(r.requestId()));
        KafkaTestClient.awaitRecord(Topics.INFERENCE_RESULTS, r -> {
            if (pending.contains(r.key())) {
                assertThat(MessageCodec.decode(r.value(), InferenceResult.class).error()).isNull();
                pending.remove(r.key());
            }
            return pending.isEmpty();
        }, WAIT);

        JsonNode stats = get("/__stats");
        assertThat(stats.path("slow-upstream-narrow").path("maxInFlight").asInt()).isEqualTo(1);
        // The wide backend shows the service does run requests side by side, so the narrow limit is its own.
        assertThat(stats.path("slow-upstream-wide").path("maxInFlight").asInt()).isGreaterThan(1);
    }

    @Test
    void aStreamIsForwardedAsNumberedChunksClosedByALastResultWithUsage() throws Exception {
        String question = "Stream please " + UUID.randomUUID();
        var request = request("marco-sandbox", question, true, inSeconds(30));
        send(request);

        List<InferenceResult> results = awaitStream(request.requestId());
        assertThat(results).extracting(InferenceResult::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(results.subList(0, 4)).allSatisfy(r -> assertThat(r.last()).isFalse());
        StringBuilder text = new StringBuilder();
        results.forEach(r -> r.choices().forEach(c -> text.append(c.content() == null ? "" : c.content())));
        assertThat(text.toString()).isEqualTo("Hello world");
        assertThat(results.get(3).choices().get(0).finishReason()).isEqualTo("stop");
        InferenceResult closing = results.get(4);
        assertThat(closing.last()).isTrue();
        assertThat(closing.choices()).isEmpty();
        assertThat(closing.usage()).isEqualTo(new InferenceResult.Usage(5, 3, 8));
        assertThat(closing.error()).isNull();

        JsonNode body = onlyCall(question).path("body");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void aRawPromptGoesToTheUpstreamsCompletionsWholeAndStreamed() throws Exception {
        String prompt = "Once upon a time " + UUID.randomUUID();
        var whole = new InferenceRequest(1, UUID.randomUUID().toString(), "marco-sandbox", List.of(),
                new Sampling(null, null, 12, null), 2, null, null, false, inSeconds(30), prompt);
        send(whole);
        InferenceResult result = MessageCodec.decode(awaitResult(whole.requestId()).value(), InferenceResult.class);
        assertThat(result.error()).isNull();
        assertThat(result.choices()).containsExactly(
                new InferenceResult.Choice(0, "echo 0: " + prompt, "stop"),
                new InferenceResult.Choice(1, "echo 1: " + prompt, "length"));
        JsonNode call = onlyCall(prompt);
        assertThat(call.path("path").asText()).isEqualTo("/v1/completions");
        assertThat(call.path("body").path("prompt").asText()).isEqualTo(prompt);
        assertThat(call.path("body").has("messages")).isFalse();
        assertThat(call.path("body").path("max_tokens").asInt()).isEqualTo(12);

        String streamedPrompt = "Streamed " + UUID.randomUUID();
        var streamed = new InferenceRequest(1, UUID.randomUUID().toString(), "marco-sandbox", null, null, null, null,
                null, true, inSeconds(30), streamedPrompt);
        send(streamed);
        List<InferenceResult> results = awaitStream(streamed.requestId());
        StringBuilder text = new StringBuilder();
        results.forEach(r -> r.choices().forEach(c -> text.append(c.content() == null ? "" : c.content())));
        assertThat(text.toString()).isEqualTo("Hello world");
        assertThat(results.get(results.size() - 1).last()).isTrue();
        assertThat(results.get(results.size() - 1).error()).isNull();
    }

    @Test
    void aStreamThatBreaksOffOrIsRefusedEndsWithAnErrorResult() {
        var breaking = request("marco-sandbox", "Break [stream-error] " + UUID.randomUUID(), true, inSeconds(30));
        var refused = request("marco-sandbox", "Refused [status:400] " + UUID.randomUUID(), true, inSeconds(30));
        send(breaking);
        send(refused);

        List<InferenceResult> broken = awaitStream(breaking.requestId());
        assertThat(broken).extracting(InferenceResult::sequence).containsExactly(0L, 1L, 2L);
        InferenceResult end = broken.get(2);
        assertThat(end.last()).isTrue();
        assertThat(end.error().status()).isEqualTo(502);
        assertThat(end.error().message()).contains("the engine died");

        List<InferenceResult> refusal = awaitStream(refused.requestId());
        assertThat(refusal).hasSize(1);
        assertThat(refusal.get(0).error().status()).isEqualTo(400);
        assertThat(refusal.get(0).error().message()).isEqualTo("fake says no (400)");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheServiceGoesOn() {
        KafkaTestClient.send(Topics.INFERENCE_REQUESTS, "bad", "{\"schemaVersion\": 1, oops");
        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.INFERENCE_REQUESTS),
                r -> "{\"schemaVersion\": 1, oops".equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid InferenceRequest");

        String noMessages = "{\"schemaVersion\":1,\"requestId\":\"r-" + UUID.randomUUID()
                + "\",\"model\":\"marco-sandbox\",\"messages\":[],\"stream\":false,\"deadlineEpochMillis\":0}";
        KafkaTestClient.send(Topics.INFERENCE_REQUESTS, "bad", noMessages);
        var deadEmpty = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.INFERENCE_REQUESTS),
                r -> noMessages.equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(deadEmpty, "dead-letter-reason")).contains("'messages'");

        var request = request("marco-sandbox", "Still there? " + UUID.randomUUID(), false, inSeconds(30));
        send(request);
        assertThat(MessageCodec.decode(awaitResult(request.requestId()).value(), InferenceResult.class).error())
                .isNull();
    }

    @Test
    void readyWhenKafkaIsUpWithMetricsAndTheModelList() {
        var request = request("marco-sandbox", "Metrics " + UUID.randomUUID(), false, inSeconds(30));
        send(request);
        awaitResult(request.requestId());

        given().get("/q/health/ready").then().statusCode(200).body(containsString("SmallRye Reactive Messaging"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marco_inference_requests_total{model=\"marco-sandbox\",outcome=\"ok\"}"))
                .body(containsString("marco_inference_latency_seconds_count{model=\"marco-sandbox\""))
                .body(containsString("marco_inference_in_flight{model=\"narrow\"}"))
                .body(containsString("jvm_memory_used_bytes"));
        given().get("/api/models").then().statusCode(200)
                .body("$", hasItems("dead", "marco-sandbox", "narrow", "wide"));
    }

    @Test
    void aCancelledRequestIsDroppedWithoutCallingTheUpstream() throws Exception {
        // "narrow" runs one call at a time and its upstream takes 600 ms: the second request waits for the slot,
        // and its cancel arrives long before it gets one.
        String marker = UUID.randomUUID().toString();
        var first = request("narrow", "Hold the slot " + marker, false, inSeconds(30));
        var second = request("narrow", "Never mind " + marker, false, inSeconds(30));
        send(first);
        send(second);
        cancel(second);

        var error = errorOf(second);
        assertThat(error.status()).isEqualTo(499);
        assertThat(error.code()).isEqualTo("client_cancelled");
        assertThat(error.message()).contains("'narrow'").contains("before it started");
        InferenceResult answered = MessageCodec.decode(awaitResult(first.requestId()).value(), InferenceResult.class);
        assertThat(answered.error()).isNull();
        assertThat(calls("Never mind " + marker)).isEmpty();
        assertThat(calls("Hold the slot " + marker)).hasSize(1);
    }

    @Test
    void aCancelStopsWaitingForACallInFlight() throws Exception {
        // The upstream would take 20 s; the cancel comes once it has the call, and the caller is answered at once.
        String marker = "[slow:20000] In flight " + UUID.randomUUID();
        var request = request("wide", marker, false, inSeconds(60));
        send(request);
        await().atMost(WAIT).until(() -> !calls(marker).isEmpty());
        long cancelledAt = System.nanoTime();
        cancel(request);

        var error = errorOf(request);
        assertThat(error.status()).isEqualTo(499);
        assertThat(error.code()).isEqualTo("client_cancelled");
        assertThat(error.message()).contains("'wide'").contains("while the upstream was working");
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(15));
    }

    private static InferenceRequest request(String model, String question, boolean stream, long deadline) {
        return new InferenceRequest(1, UUID.randomUUID().toString(), model, List.of(ChatMessage.user(question)),
                null, null, null, null, stream, deadline);
    }

    private static long inSeconds(int seconds) {
        return System.currentTimeMillis() + seconds * 1000L;
    }

    private static void send(InferenceRequest request) {
        KafkaTestClient.send(Topics.INFERENCE_REQUESTS, request.requestId(), MessageCodec.encode(request));
    }

    private static void cancel(InferenceRequest request) {
        KafkaTestClient.send(Topics.INFERENCE_CANCELS, request.requestId(), MessageCodec.encode(
                new dev.marcoforge.contracts.InferenceCancel(1, request.requestId(), "the client went away")));
    }

    private static ConsumerRecord<String, String> awaitResult(String requestId) {
        return KafkaTestClient.awaitRecord(Topics.INFERENCE_RESULTS, r -> requestId.equals(r.key()), WAIT);
    }

    private static InferenceResult.Error errorOf(InferenceRequest request) {
        InferenceResult result = MessageCodec.decode(awaitResult(request.requestId()).value(), InferenceResult.class);
        assertThat(result.last()).isTrue();
        assertThat(result.choices()).isEmpty();
        assertThat(result.error()).isNotNull();
        return result.error();
    }

    private static List<InferenceResult> awaitStream(String requestId) {
        return InferenceResults.awaitStream(requestId, WAIT);
    }

    private JsonNode get(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(upstreamUrl).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The calls the fake upstream received whose last message contains {@code marker}. */
    private List<JsonNode> calls(String marker) throws Exception {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode call : get("/__calls")) {
            JsonNode messages = call.path("body").path("messages");
            if (messages.size() > 0 && messages.get(messages.size() - 1).path("content").asText().contains(marker)
                    || call.path("body").path("prompt").asText().contains(marker)) {
                matching.add(call);
            }
        }
        return matching;
    }

    private JsonNode onlyCall(String marker) throws Exception {
        List<JsonNode> calls = calls(marker);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }
}
