package dev.marcoforge.critic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The critic-service over a real broker, calling a fake critic model server that runs inside the test. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FakeCriticModelServer.class)
class CriticServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOUBLE_CHECK = "Wait! Maybe I made some mistakes! I need to rethink from scratch.";

    @ConfigProperty(name = "marco.critic.base-url")
    String baseUrl;

    @Test
    void continuationOfTheAssistantPrefixIsPublishedKeyedByProblem() throws Exception {
        String marker = UUID.randomUUID().toString();
        var request = request("How many r are in strawberry? " + marker, "<thinking>s-t-r: one r so far. ",
                DOUBLE_CHECK, 2, null);
        send(request);

        var record = awaitResult(request);
        CriticResult result = MessageCodec.decode(record.value(), CriticResult.class);
        assertThat(record.key()).isEqualTo(request.problemId());
        assertThat(result.error()).isNull();
        assertThat(result.texts()).containsExactly("critique-0", "critique-1");
        assertThat(result.model()).isEqualTo("sandbox-critic");
        assertThat(result.parentNodeId()).isEqualTo("node-7");
        assertThat(result.action()).isEqualTo("double_check");

        JsonNode call = onlyCall(marker);
        assertThat(call.path("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(call.path("authorization").asText()).isEqualTo("Bearer " + FakeCriticModelServer.API_KEY);
        JsonNode body = call.path("body");
        assertThat(body.path("model").asText()).isEqualTo("sandbox-critic");
        assertThat(body.path("continue_final_message").asBoolean()).isTrue();
        assertThat(body.path("add_generation_prompt").isBoolean()).isTrue();
        assertThat(body.path("add_generation_prompt").asBoolean()).isFalse();
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.path("stop").get(0).asText()).isEqualTo("</thinking>");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("seed").asLong()).isEqualTo(42L);
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        JsonNode last = messages.get(2);
        assertThat(last.path("role").asText()).isEqualTo("assistant");
        assertThat(last.path("content").asText()).isEqualTo("<thinking>s-t-r: one r so far. " + DOUBLE_CHECK);
    }

    @Test
    void askedForLogprobsTheResultCarriesEachTextsTokenConfidence() throws Exception {
        String marker = UUID.randomUUID().toString();
        var plain = request("Sure? " + marker, "<thinking>one r. ", DOUBLE_CHECK, 2, null);
        var request = new CriticRequest(1, UUID.randomUUID().toString(), "job-1", plain.problemId(), "node-7",
                "double_check", plain.conversation(), plain.prefill(), plain.stop(), 2, plain.sampling(), null, null,
                true);
        send(request);

        CriticResult result = MessageCodec.decode(awaitResult(request).value(), CriticResult.class);
        assertThat(result.error()).isNull();
        assertThat(result.texts()).containsExactly("critique-0", "critique-1");
        // Per text: 0.5 / (0.5 + 0.5) + 1 over two tokens.
        assertThat(result.confidences()).containsExactly(new TokenConfidence(1.5, 2), new TokenConfidence(1.5, 2));
        JsonNode body = onlyCall(marker).path("body");
        assertThat(body.path("logprobs").asBoolean()).isTrue();
        assertThat(body.path("top_logprobs").asInt()).isEqualTo(5);
    }

    @Test
    void aPrefillAlreadyInTheConversationIsNotSentTwice() throws Exception {
        String marker = UUID.randomUUID().toString();
        var request = request("Count again " + marker, "<thinking>two r. " + DOUBLE_CHECK, DOUBLE_CHECK, 1, null);
        send(request);

        assertThat(MessageCodec.decode(awaitResult(request).value(), CriticResult.class).texts())
                .containsExactly("critique-0");
        JsonNode messages = onlyCall(marker).path("body").path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .isEqualTo("<thinking>two r. " + DOUBLE_CHECK);
    }

    @Test
    void aGenerateEndpointSpeaksTheReferenceProtocolWithoutTheApiKey() throws Exception {
        String marker = UUID.randomUUID().toString();
        String endpoint = baseUrl.replace("/v1", "/ref/generate");
        var request = request("Reflect " + marker, "<thinking>I think 2. ", "Let me reflect.", 3, endpoint);
        send(request);

        CriticResult result = MessageCodec.decode(awaitResult(request).value(), CriticResult.class);
        assertThat(result.error()).isNull();
        assertThat(result.texts()).containsExactly("reference-0", "reference-1", "reference-2");

        JsonNode call = onlyCall(marker);
        assertThat(call.path("path").asText()).isEqualTo("/ref/generate");
        assertThat(call.path("authorization").isNull()).isTrue();
        JsonNode body = call.path("body");
        assertThat(body.path("user_question").asText()).isEqualTo("Reflect " + marker);
        assertThat(body.path("model_output").asText()).isEqualTo("<thinking>I think 2. Let me reflect.");
        assertThat(body.path("end_tokens").get(0).asText()).isEqualTo("</thinking>");
        assertThat(body.path("n").asInt()).isEqualTo(3);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void anUnreachableEndpointIsAnErrorResultNamingIt() throws Exception {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + deadPort + "/v1";
        var request = request("Anyone there? " + UUID.randomUUID(), "<thinking>", "", 1, endpoint);
        send(request);

        CriticResult result = MessageCodec.decode(awaitResult(request).value(), CriticResult.class);
        assertThat(result.texts()).isEmpty();
        assertThat(result.error()).contains(endpoint + "/chat/completions").contains("unreachable");
        assertThat(result.unavailable()).as("an unreachable server is worth waiting out").isTrue();
    }

    @Test
    void aTransientFailureIsRetriedAndAClientErrorIsNot() throws Exception {
        String flaky = "Flaky [flaky] " + UUID.randomUUID();
        var retried = request(flaky, "<thinking>", DOUBLE_CHECK, 1, null);
        String rejected = "Too long [status:400] " + UUID.randomUUID();
        var refused = request(rejected, "<thinking>", DOUBLE_CHECK, 1, null);
        send(retried);
        send(refused);

        assertThat(MessageCodec.decode(awaitResult(retried).value(), CriticResult.class).texts())
                .containsExactly("critique-0");
        assertThat(calls(flaky)).hasSize(2);

        CriticResult failed = MessageCodec.decode(awaitResult(refused).value(), CriticResult.class);
        assertThat(failed.unavailable()).as("a refusal would recur").isFalse();
        assertThat(failed.error()).contains("HTTP 400").contains("fake says no (400)")
                .contains(baseUrl + "/chat/completions");
        assertThat(calls(rejected)).hasSize(1);
    }

    @Test
    void aServerThatKeepsFailingOrIsTooSlowOrSaysNothingGivesErrorResults() throws Exception {
        var broken = request("Broken [status:503] " + UUID.randomUUID(), "<thinking>", "", 1, null);
        var slow = request("Slow [slow] " + UUID.randomUUID(), "<thinking>", "", 1, null);
        var empty = request("Empty [empty] " + UUID.randomUUID(), "<thinking>", "", 1, null);
        send(broken);
        send(slow);
        send(empty);

        assertThat(MessageCodec.decode(awaitResult(broken).value(), CriticResult.class).error())
                .contains("HTTP 503").contains("fake says no (503)");
        assertThat(calls(broken.conversation().get(1).content())).hasSize(3);
        assertThat(MessageCodec.decode(awaitResult(slow).value(), CriticResult.class).error())
                .contains("did not answer within 2000 ms").contains(baseUrl);
        assertThat(MessageCodec.decode(awaitResult(empty).value(), CriticResult.class).error())
                .contains("no choices");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheServiceGoesOn() {
        KafkaTestClient.send(Topics.CRITIC_REQUESTS, "bad", "{not a critic request");
        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.CRITIC_REQUESTS),
                r -> "{not a critic request".equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not a valid CriticRequest");

        String invalid = MessageCodec.encode(request("n is zero", "<thinking>", "", 1, null))
                .replace("\"n\":1", "\"n\":0");
        KafkaTestClient.send(Topics.CRITIC_REQUESTS, "bad", invalid);
        var deadInvalid = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.CRITIC_REQUESTS),
                r -> invalid.equals(r.value()), WAIT);
        assertThat(KafkaTestClient.header(deadInvalid, "dead-letter-reason")).contains("'n' must be at least 1");

        var request = request("Still there? " + UUID.randomUUID(), "<thinking>", DOUBLE_CHECK, 1, null);
        send(request);
        assertThat(MessageCodec.decode(awaitResult(request).value(), CriticResult.class).texts())
                .containsExactly("critique-0");
    }

    @Test
    void readyWhenKafkaIsUpAndMetricsAreExposed() throws Exception {
        var request = request("Metrics " + UUID.randomUUID(), "<thinking>", "", 1, null);
        send(request);
        awaitResult(request);

        given().get("/q/health/ready").then().statusCode(200).body(containsString("SmallRye Reactive Messaging"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("marco_critic_requests_total{model=\"sandbox-critic\"}"))
                .body(containsString("marco_critic_latency_seconds_count{model=\"sandbox-critic\"}"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    private static CriticRequest request(String question, String soFar, String prefill, int n, String endpoint) {
        return new CriticRequest(1, UUID.randomUUID().toString(), "job-1", "problem-" + UUID.randomUUID(), "node-7",
                "double_check",
                List.of(ChatMessage.system("You are a careful reasoner."), ChatMessage.user(question),
                        ChatMessage.assistant(soFar)),
                prefill, List.of("</thinking>"), n, new Sampling(0.7, 0.9, 256, 42L), endpoint);
    }

    private static void send(CriticRequest request) {
        KafkaTestClient.send(Topics.CRITIC_REQUESTS, request.problemId(), MessageCodec.encode(request));
    }

    private static ConsumerRecord<String, String> awaitResult(CriticRequest request) {
        return KafkaTestClient.awaitRecord(Topics.CRITIC_RESULTS,
                r -> r.value().contains("\"requestId\":\"" + request.requestId() + "\""), WAIT);
    }

    /** The calls the fake server received whose user message contains {@code marker}. */
    private List<JsonNode> calls(String marker) throws Exception {
        String origin = URI.create(baseUrl).resolve("/__calls").toString();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode call : JSON.readTree(response.body())) {
            JsonNode body = call.path("body");
            boolean chat = false;
            for (JsonNode message : body.path("messages")) {
                chat |= message.path("content").asText().contains(marker);
            }
            if (chat || body.path("user_question").asText().contains(marker)) {
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
