package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.support.ReferenceData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.Flawless.class)
class CompletionsTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aChatMlPromptIsContinuedAfterTheAssistantHeader() {
        String prompt = "<|im_start|>user\n" + ReferenceData.basePrompt()
                + "What is the combined count of i and n in ministryship?<|im_end|>\n<|im_start|>assistant\n"
                + "<sub-task>- 1. Spell.</sub-task>\n<answer>The answer is:";
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "sandbox-policy", "prompt", prompt, "stop", "</answer>"))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("id", startsWith("cmpl-"))
                .body("object", equalTo("text_completion"))
                .body("choices[0].text", equalTo(" \\boxed{4}"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].logprobs", nullValue())
                .body("usage.completion_tokens", equalTo(5));
    }

    @Test
    void severalPromptsGetConsecutiveChoiceIndexes() {
        given().contentType(ContentType.JSON)
                .body(Map.of("prompt", List.of("Now the question is: What is 1 + 1?\n<answer>",
                        "Now the question is: What is 2 + 2?\n<answer>"), "n", 2))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("choices", hasSize(4))
                .body("choices.index", equalTo(List.of(0, 1, 2, 3)))
                .body("choices[1].text", equalTo("The answer is: \\boxed{2}</answer>"))
                .body("choices[2].text", equalTo("The answer is: \\boxed{4}</answer>"));
    }

    @Test
    void legacyLogprobsListTokensLogprobsAlternativesAndOffsets() throws Exception {
        JsonNode response = MAPPER.readTree(given().contentType(ContentType.JSON)
                .body(Map.of("prompt", "Now the question is: How many r are in strawberry?\n<thinking>",
                        "stop", "</thinking>", "seed", 4, "logprobs", 3))
                .post("/v1/completions").then().statusCode(200).extract().asString());
        JsonNode choice = response.at("/choices/0");
        String text = choice.get("text").asText();
        JsonNode logprobs = choice.get("logprobs");
        int tokens = response.at("/usage/completion_tokens").asInt();
        assertThat(logprobs.get("tokens")).hasSize(tokens);
        assertThat(logprobs.get("token_logprobs")).hasSize(tokens);
        assertThat(logprobs.get("top_logprobs")).hasSize(tokens);
        assertThat(logprobs.get("text_offset")).hasSize(tokens);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            String token = logprobs.at("/tokens/" + i).asText();
            double logprob = logprobs.at("/token_logprobs/" + i).asDouble();
            JsonNode top = logprobs.at("/top_logprobs/" + i);
            assertThat(logprobs.at("/text_offset/" + i).asInt()).isEqualTo(joined.length());
            joined.append(token);
            assertThat(logprob).isLessThanOrEqualTo(0);
            // The three most likely tokens, plus the chosen one should it not be among them.
            assertThat(top.size()).isBetween(3, 4);
            assertThat(top.get(token).asDouble()).isEqualTo(logprob);
        }
        assertThat(joined.toString()).isEqualTo(text);

        JsonNode none = MAPPER.readTree(given().contentType(ContentType.JSON)
                .body(Map.of("prompt", "Now the question is: What is 2 + 2?\n<answer>", "logprobs", 0))
                .post("/v1/completions").then().statusCode(200).extract().asString());
        JsonNode noneLogprobs = none.at("/choices/0/logprobs");
        for (int i = 0; i < noneLogprobs.get("tokens").size(); i++) {
            assertThat(noneLogprobs.at("/top_logprobs/" + i).size()).isEqualTo(1);
            assertThat(noneLogprobs.at("/top_logprobs/" + i).get(noneLogprobs.at("/tokens/" + i).asText()).asDouble())
                    .isEqualTo(noneLogprobs.at("/token_logprobs/" + i).asDouble());
        }
    }

    @Test
    void tokenIdPromptsAreRejected() {
        given().contentType(ContentType.JSON).body(Map.of("prompt", List.of(1, 2, 3))).post("/v1/completions")
                .then().statusCode(400).body("error.param", equalTo("prompt"));
    }
}
