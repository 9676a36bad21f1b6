package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
    void tokenIdPromptsAreRejected() {
        given().contentType(ContentType.JSON).body(Map.of("prompt", List.of(1, 2, 3))).post("/v1/completions")
                .then().statusCode(400).body("error.param", equalTo("prompt"));
    }
}
