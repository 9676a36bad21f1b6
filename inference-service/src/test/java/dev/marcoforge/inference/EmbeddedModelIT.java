package dev.marcoforge.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.model.ChatTokenizer;
import dev.marcoforge.model.ChatTurn;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A checkpoint served in process: answers, streams, n samples, limits, and registration over Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(TinyCheckpointResource.class)
class EmbeddedModelIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "test.registered-checkpoint")
    String registeredCheckpoint;

    @Test
    void theTrainedModelAnswersWithItsChainAndCountsTokens() {
        String question = "How many a in banana?";
        var request = chat("tiny", question, new Sampling(0.0, null, 80, null), 1, false);
        InferenceResult result = awaitLast(request);
        assertThat(result.error()).isNull();
        assertThat(result.choices()).hasSize(1);
        assertThat(result.choices().get(0).content()).isEqualTo(TinyCheckpointResource.ANSWERS.get(question));
        assertThat(result.choices().get(0).finishReason()).isEqualTo("stop");
        int promptTokens = ChatTokenizer.instance().encodeChat(List.of(ChatTurn.user(question)), true).length();
        assertThat(result.usage().promptTokens()).isEqualTo(promptTokens);
        // The answer's bytes and the closing <|end|>.
        assertThat(result.usage().completionTokens())
                .isEqualTo(TinyCheckpointResource.ANSWERS.get(question).length() + 1);
    }

    @Test
    void aStreamSendsTheTextInChunksThenFinishReasonsThenUsage() {
        String question = "How many r in rr?";
        var request = chat("tiny", question, new Sampling(0.0, null, 80, null), 1, true);
        List<InferenceResult> results = awaitStream(request.requestId());
        InferenceResult last = results.get(results.size() - 1);
        assertThat(last.error()).isNull();
        assertThat(last.usage().completionTokens()).isPositive();
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (InferenceResult chunk : results.subList(0, results.size() - 1)) {
            assertThat(chunk.last()).isFalse();
            for (var choice : chunk.choices()) {
                if (choice.content() != null) {
                    text.append(choice.content());
                }
                if (choice.finishReason() != null) {
                    finish = choice.finishReason();
                }
            }
        }
        assertThat(text.toString()).isEqualTo(TinyCheckpointResource.ANSWERS.get(question));
        assertThat(finish).isEqualTo("stop");
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).sequence()).isEqualTo(i);
        }
    }

    @Test
    void nSamplesAStopStringAndATokenLimitAreHonoured() {
        var two = chat("tiny", "How many z in zoo?", new Sampling(1.0, 0.9, 80, 11L), 2, false);
        InferenceResult both = awaitLast(two);
        assertThat(both.choices()).extracting(InferenceResult.Choice::index).containsExactly(0, 1);

        var stopped = new InferenceRequest(1, UUID.randomUUID().toString(), "tiny",
                List.of(ChatMessage.user("How many z in zoo?")), new Sampling(0.0, null, 80, null), 1,
                List.of("</thinking>"), null, false, inSeconds(60));
        send(stopped);
        assertThat(awaitLast(stopped).choices().get(0).content()).isEqualTo("<thinking>z o o");

        var limited = chat("tiny", "How many z in zoo?", new Sampling(0.0, null, 5, null), 1, false);
        InferenceResult cut = awaitLast(limited);
        assertThat(cut.choices().get(0).content()).isEqualTo("<thin");
        assertThat(cut.choices().get(0).finishReason()).isEqualTo("length");
    }

    @Test
    void aPromptLongerThanTheContextIs400NamingTheLimit() {
        var request = chat("tiny", "x".repeat(200), null, 1, false);
        InferenceResult result = awaitLast(request);
        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().code()).isEqualTo("context_length_exceeded");
        assertThat(result.error().message()).contains("maximum context length is " + TinyCheckpointResource.CONTEXT);
    }

    @Test
    void aRegisteredCheckpointIsServedAndABrokenRegistrationGoesToTheDeadLetterTopic() {
        String name = "registered-" + UUID.randomUUID().toString().substring(0, 8);
        var registration = new ModelRegistration(1, name, registeredCheckpoint, "sft", "training-1",
                System.currentTimeMillis() / 1000, false);
        KafkaTestClient.send(Topics.MODELS, name, MessageCodec.encode(registration));
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                given().get("/api/models").then().statusCode(200).body("$", hasItem(name)));
        var request = chat(name, "How many r in rr?", new Sampling(0.0, null, 80, null), 1, false);
        assertThat(awaitLast(request).choices().get(0).content())
                .isEqualTo(TinyCheckpointResource.ANSWERS.get("How many r in rr?"));

        String broken = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTestClient.send(Topics.MODELS, broken, MessageCodec.encode(new ModelRegistration(1, broken,
                "/nowhere/" + broken, "sft", "training-2", 0, false)));
        var dead = KafkaTestClient.awaitRecord(Topics.deadLetter(Topics.MODELS), r -> broken.equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("no checkpoint folder")
                .contains(broken);
        // The consumer goes on: a later registration of the same checkpoint is served.
        String after = "after-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTestClient.send(Topics.MODELS, after, MessageCodec.encode(new ModelRegistration(1, after,
                registeredCheckpoint, "sft", "training-3", 0, false)));
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                given().get("/api/models").then().statusCode(200).body("$", hasItem(after)));
    }

    private static InferenceRequest chat(String model, String question, Sampling sampling, int n, boolean stream) {
        var request = new InferenceRequest(1, UUID.randomUUID().toString(), model, List.of(ChatMessage.user(question)),
                sampling, n, null, null, stream, inSeconds(60));
        send(request);
        return request;
    }

    private static long inSeconds(int seconds) {
        return System.currentTimeMillis() + seconds * 1000L;
    }

    private static void send(InferenceRequest request) {
        KafkaTestClient.send(Topics.INFERENCE_REQUESTS, request.requestId(), MessageCodec.encode(request));
    }

    private static InferenceResult awaitLast(InferenceRequest request) {
        var record = KafkaTestClient.awaitRecord(Topics.INFERENCE_RESULTS, r -> request.requestId().equals(r.key())
                && MessageCodec.decode(r.value(), InferenceResult.class).last(), WAIT);
        return MessageCodec.decode(record.value(), InferenceResult.class);
    }

    private static List<InferenceResult> awaitStream(String requestId) {
        return InferenceResults.awaitStream(requestId, WAIT);
    }
}
