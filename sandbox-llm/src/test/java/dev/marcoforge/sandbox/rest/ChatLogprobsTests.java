package dev.marcoforge.sandbox.rest;

import static dev.marcoforge.sandbox.rest.ChatApi.STRAWBERRY;
import static dev.marcoforge.sandbox.rest.ChatApi.messages;
import static dev.marcoforge.sandbox.rest.ChatApi.postChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.support.MarcoConfidence;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.Flawless.class)
class ChatLogprobsTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyGeneratedTokenHasItsLogprobBytesAndMostLikelyAlternatives() throws Exception {
        JsonNode response = post(Map.of("messages", messages(STRAWBERRY, null), "n", 2, "seed", 21,
                "logprobs", true, "top_logprobs", 5));
        int entries = 0;
        for (JsonNode choice : response.get("choices")) {
            JsonNode content = choice.at("/logprobs/content");
            StringBuilder tokens = new StringBuilder();
            for (JsonNode entry : content) {
                String token = entry.get("token").asText();
                tokens.append(token);
                assertThat(entry.get("logprob").asDouble()).isLessThanOrEqualTo(0);
                assertThat(bytes(entry)).isEqualTo(utf8(token));
                JsonNode top = entry.get("top_logprobs");
                assertThat(top).hasSize(5);
                List<Double> logprobs = new ArrayList<>();
                double probability = 0;
                for (JsonNode alternative : top) {
                    logprobs.add(alternative.get("logprob").asDouble());
                    probability += Math.exp(alternative.get("logprob").asDouble());
                    assertThat(bytes(alternative)).isEqualTo(utf8(alternative.get("token").asText()));
                    if (alternative.get("token").asText().equals(token)) {
                        assertThat(alternative.get("logprob").asDouble()).isEqualTo(entry.get("logprob").asDouble());
                    }
                }
                assertThat(logprobs).isSortedAccordingTo((a, b) -> Double.compare(b, a)).allMatch(lp -> lp <= 0);
                assertThat(probability).isLessThanOrEqualTo(1.0);
                assertThat(top.findValuesAsText("token")).doesNotHaveDuplicates().contains(token);
            }
            // The tokens are the generated text, cut the way usage counts it.
            assertThat(tokens.toString()).isEqualTo(choice.at("/message/content").asText());
            entries += content.size();
        }
        assertThat(entries).isEqualTo(response.at("/usage/completion_tokens").asInt()).isGreaterThan(100);
    }

    @Test
    void withoutLogprobsTheFieldIsNullAndWithoutTopLogprobsNoAlternativesAreListed() throws Exception {
        JsonNode plain = post(Map.of("messages", messages(STRAWBERRY, "<answer>"), "logprobs", false));
        assertThat(plain.at("/choices/0").has("logprobs")).isTrue();
        assertThat(plain.at("/choices/0/logprobs").isNull()).isTrue();

        JsonNode bare = post(Map.of("messages", messages(STRAWBERRY, "<answer>"), "logprobs", true));
        JsonNode content = bare.at("/choices/0/logprobs/content");
        assertThat(content).hasSize(bare.at("/usage/completion_tokens").asInt());
        assertThat(content).allSatisfy(entry -> assertThat(entry.get("top_logprobs")).isEmpty());
    }

    @Test
    void theSameSeedGivesTheSameLogprobsAndAskingForThemLeavesTheTextAlone() throws Exception {
        Map<String, Object> request = Map.of("messages", messages(STRAWBERRY, null), "seed", 99, "n", 2,
                "logprobs", true, "top_logprobs", 3);
        JsonNode first = post(request);
        JsonNode second = post(request);
        assertThat(first.get("choices")).isEqualTo(second.get("choices"));
        JsonNode withoutLogprobs = post(Map.of("messages", messages(STRAWBERRY, null), "seed", 99, "n", 2));
        for (int i = 0; i < 2; i++) {
            assertThat(first.at("/choices/" + i + "/message/content"))
                    .isEqualTo(withoutLogprobs.at("/choices/" + i + "/message/content"));
        }
        JsonNode otherSeed = post(Map.of("messages", messages(STRAWBERRY, null), "seed", 100, "n", 2,
                "logprobs", true, "top_logprobs", 3));
        assertThat(otherSeed.at("/choices/0/logprobs")).isNotEqualTo(first.at("/choices/0/logprobs"));
    }

    @Test
    void soundReasoningIsConfidentTokenByToken() throws Exception {
        JsonNode response = post(Map.of("messages", messages(STRAWBERRY, null), "n", 4, "seed", 5,
                "logprobs", true, "top_logprobs", 5));
        int tokens = 0;
        int confident = 0;
        for (JsonNode choice : response.get("choices")) {
            for (JsonNode entry : choice.at("/logprobs/content")) {
                double confidence = MarcoConfidence.ofToken(entry);
                tokens++;
                confident += confidence >= 0.85 && confidence <= 0.99 ? 1 : 0;
                // Without mistakes the chosen token is always the most likely one.
                assertThat(entry.at("/top_logprobs/0/token").asText()).isEqualTo(entry.get("token").asText());
            }
            assertThat(MarcoConfidence.mean(choice.at("/logprobs/content"))).isGreaterThan(0.9);
        }
        assertThat((double) confident / tokens).isGreaterThan(0.85);
    }

    private static JsonNode post(Map<String, Object> body) throws Exception {
        return MAPPER.readTree(postChat(body).then().statusCode(200).extract().asString());
    }

    private static List<Integer> bytes(JsonNode entry) {
        List<Integer> bytes = new ArrayList<>();
        entry.get("bytes").forEach(b -> bytes.add(b.asInt()));
        return bytes;
    }

    private static List<Integer> utf8(String text) {
        List<Integer> bytes = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xFF);
        }
        return bytes;
    }
}
