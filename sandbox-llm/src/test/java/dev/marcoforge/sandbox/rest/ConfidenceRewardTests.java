package dev.marcoforge.sandbox.rest;

import static dev.marcoforge.sandbox.rest.ChatApi.STRAWBERRY;
import static dev.marcoforge.sandbox.rest.ChatApi.messages;
import static dev.marcoforge.sandbox.rest.ChatApi.postChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.support.Boxed;
import dev.marcoforge.sandbox.support.MarcoConfidence;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The point of the simulated logprobs: Marco-o1's confidence reward tells wrong answers from right ones. */
@QuarkusTest
@TestProfile(Profiles.Erratic.class)
class ConfidenceRewardTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void wrongAnswersAreLessConfidentThanRightOnes() throws Exception {
        List<Double> right = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        // Seeded, so the sample and therefore the test are the same on every run.
        for (int seed = 1; seed <= 6; seed++) {
            JsonNode response = MAPPER.readTree(postChat(Map.of("messages", messages(STRAWBERRY, null), "n", 16,
                    "seed", seed, "temperature", 1.0, "logprobs", true, "top_logprobs", 5))
                    .then().statusCode(200).extract().asString());
            for (JsonNode choice : response.get("choices")) {
                double confidence = MarcoConfidence.mean(choice.at("/logprobs/content"));
                (Boxed.valueIn(choice.at("/message/content").asText()) == 4 ? right : wrong).add(confidence);
            }
        }
        assertThat(right).as("right answers").hasSizeGreaterThan(15);
        assertThat(wrong).as("wrong answers").hasSizeGreaterThan(15);
        double rightMean = mean(right);
        double wrongMean = mean(wrong);
        assertThat(rightMean).isGreaterThan(0.88);
        assertThat(wrongMean).as("right answers average %.3f", rightMean).isLessThan(rightMean - 0.03);
    }

    @Test
    void aStepWithAnInjectedMistakeIsLessSureAndItsWrongFigureLeastSure() throws Exception {
        // At temperature 0 the error rates scale to nothing; at 1 the profile's rates apply in full.
        Map<String, Object> sure = Map.of("messages", messages(STRAWBERRY, "<thinking>"), "stop", "</thinking>",
                "temperature", 0, "seed", 3, "logprobs", true, "top_logprobs", 5);
        double sureMean = MarcoConfidence.mean(content(sure));
        List<Double> wrongTotals = new ArrayList<>();
        for (int seed = 1; seed <= 40; seed++) {
            JsonNode thinking = content(Map.of("messages", messages(STRAWBERRY, "<thinking>"), "stop", "</thinking>",
                    "temperature", 1.0, "seed", seed, "logprobs", true, "top_logprobs", 5));
            JsonNode total = concludedTotal(thinking);
            if (!total.get("token").asText().strip().equals("4")) {
                assertThat(MarcoConfidence.mean(thinking)).isLessThan(sureMean - 0.05);
                wrongTotals.add(MarcoConfidence.ofToken(total));
            }
        }
        assertThat(wrongTotals).as("wrong totals within 40 seeds").hasSizeGreaterThan(5)
                .allSatisfy(confidence -> assertThat(confidence).isBetween(0.3, 0.6));
    }

    private static JsonNode content(Map<String, Object> request) throws Exception {
        return MAPPER.readTree(postChat(request).then().statusCode(200).extract().asString())
                .at("/choices/0/logprobs/content");
    }

    /** The token of the total the thinking step concluded: its last number. */
    private static JsonNode concludedTotal(JsonNode content) {
        for (int i = content.size() - 1; i >= 0; i--) {
            if (content.get(i).get("token").asText().strip().matches("\\d+")) {
                return content.get(i);
            }
        }
        throw new AssertionError("no figure in the thinking step");
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
