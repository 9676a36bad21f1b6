package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.openai.PendingCompletions;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.marcoforge.contracts.InferenceRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Node client (openai 6.x, installed from npm into {@code target/node-client}) against the
 * gateway, with the test playing the inference service. Needs node 20+ and npm on the PATH.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(ApiTestSettings.class)
class OpenAiNodeClientIT {

    private static final Path CLIENT_DIR = Path.of("target", "node-client");
    private static FakeInferenceService inference;

    @Inject
    PendingCompletions pending;

    @BeforeAll
    static void installClientAndStartInference() throws Exception {
        inference = new FakeInferenceService();
        if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules/openai"))) {
            Files.createDirectories(CLIENT_DIR);
            Files.writeString(CLIENT_DIR.resolve("package.json"), "{\"name\": \"marco-node-client-it\","
                    + " \"private\": true, \"type\": \"module\"}");
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "openai@6"),
                    Map.of(), Duration.ofMinutes(5));
        }
        Files.copy(Path.of("src/test/node/openai-client-scenarios.mjs"),
                CLIENT_DIR.resolve("openai-client-scenarios.mjs"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stopInference() throws InterruptedException {
        inference.close();
    }

    @Test
    void theOfficialNodeClientGetsWhatItExpects() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        String key = TestKeys.unlimited("node-client");
        String limited = TestKeys.create(Map.of("name", "node-limited", "requests_per_minute", 1));

        String output = run(List.of("node", "openai-client-scenarios.mjs"), Map.of("GATEWAY_URL",
                OpenAiStreamingIT.baseUrl(), "API_KEY", key, "LIMITED_KEY", limited), Duration.ofMinutes(2));
        JsonNode results = MessageCodec.mapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());

        JsonNode plain = results.path("nonStream");
        assertThat(plain.path("object").asText()).as(plain.toString()).isEqualTo("chat.completion");
        assertThat(plain.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("echo 0: hi node");
        assertThat(plain.path("usage").path("total_tokens").asInt()).isEqualTo(8);
        var sent = inference.request(plain.path("id").asText());
        assertThat(sent.sampling().seed()).isEqualTo(3L);
        assertThat(sent.sampling().maxTokens()).isEqualTo(20);
        assertThat(sent.user()).isEqualTo("node-user");

        JsonNode chunks = results.path("streamWithUsage").path("chunks");
        assertThat(chunks.size()).as(results.path("streamWithUsage").toString()).isGreaterThan(3);
        assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(text(chunks, "content")).isEqualTo("echo: stream me");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").size()).isZero();
        assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(16);

        JsonNode helper = results.path("streamHelper");
        assertThat(helper.path("choices").path(0).path("message").path("content").asText()).as(helper.toString())
                .isEqualTo("echo: helper");
        assertThat(helper.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");

        JsonNode two = results.path("n2");
        assertThat(two.path("choices").size()).isEqualTo(2);
        assertThat(two.path("choices").path(1).path("message").path("content").asText()).isEqualTo("echo 1: two");
        JsonNode twoStreams = results.path("n2Stream").path("chunks");
        assertThat(textOf(twoStreams, 1)).isEqualTo("echo: two streams");

        JsonNode stop = results.path("stop");
        assertThat(inference.request(stop.path("id").asText()).stop()).containsExactly("</answer>", "STOP");

        JsonNode reasoning = results.path("reasoning").path("choices").path(0).path("message");
        assertThat(reasoning.path("content").asText()).as(reasoning.toString()).isEqualTo("There are 3.");
        assertThat(reasoning.path("reasoning_content").asText()).contains("<thinking>");
        JsonNode reasoningChunks = results.path("reasoningStream").path("chunks");
        assertThat(text(reasoningChunks, "content")).isEqualTo("There are 3.");
        assertThat(text(reasoningChunks, "reasoning_content")).startsWith("<sub-task>").doesNotContain("answer>");
        assertThat(results.path("reasoningRaw").path("choices").path(0).path("message").path("content").asText())
                .isEqualTo(FakeInferenceService.MARCO_TEXT);

        assertThat(results.path("badKey").path("status").asInt()).isEqualTo(401);
        assertThat(results.path("badKey").path("kind").asText()).isEqualTo("AuthenticationError");
        assertThat(results.path("unknownModel").path("status").asInt()).isEqualTo(404);
        assertThat(results.path("unknownModel").path("kind").asText()).isEqualTo("NotFoundError");
        assertThat(results.path("rateLimited").path("status").asInt()).isEqualTo(429);
        assertThat(results.path("rateLimited").path("kind").asText()).isEqualTo("RateLimitError");
        assertThat(results.path("rateLimited").path("retryAfter").asInt()).isBetween(1, 60);

        JsonNode disconnect = results.path("disconnect");
        assertThat(disconnect.path("aborted").asBoolean()).as(disconnect.toString()).isTrue();
        assertThat(disconnect.path("seen").asInt()).isBetween(3, 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.size() == 0);
        // The inference service is told too, so it stops spending a model on the answer.
        // Other tests on the shared broker ask for "slow-stream" too: this client's request is the latest one.
        String abortedId = inference.requestsSaying("slow-stream").stream()
                .max(java.util.Comparator.comparingLong(InferenceRequest::deadlineEpochMillis)).orElseThrow()
                .requestId();
        var cancel = dev.marcoforge.testing.KafkaTestClient.awaitRecord(dev.marcoforge.contracts.Topics.INFERENCE_CANCELS,
                r -> abortedId.equals(r.key()), Duration.ofSeconds(10));
        assertThat(cancel.value()).contains(abortedId).contains("went away");

        assertThat(results.path("models").toString()).contains("marco-sandbox", "marco-reasoner");
        JsonNode completion = results.path("completion");
        assertThat(completion.path("object").asText()).as(completion.toString()).isEqualTo("text_completion");
        assertThat(completion.path("choices").path(0).path("text").asText()).isEqualTo("text: Once upon");
    }

    private static String text(JsonNode chunks, String field) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").path(0).path("delta").path(field).asText("")));
        return text.toString();
    }

    private static String textOf(JsonNode chunks, int index) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.path("choices").forEach(choice -> {
            if (choice.path("index").asInt() == index) {
                text.append(choice.path("delta").path("content").asText(""));
            }
        }));
        return text.toString();
    }

    private static String run(List<String> command, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(CLIENT_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs node 20+ and npm on the PATH: " + e.getMessage(), e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took longer than " + limit);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(command + " printed:\n" + text).isZero();
        return text;
    }
}
