package dev.marcoforge.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.marcoforge.sandbox.support.Boxed;
import dev.marcoforge.sandbox.support.ReferenceData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.Flawless.class)
class GenerateProtocolTests {

    private static final String QUESTION = ReferenceData.basePrompt()
            + "What is the sum of the counts of e and u in subsensual?";

    @Test
    void continuesModelOutputAndExcludesTheCommaSeparatedEndTokens() {
        // Exactly what the reference's local_http_API sends for a thinking node.
        Map<String, Object> request = Map.of("user_question", QUESTION,
                "model_output", "<sub-task>Alright, I need to break down this task.\n- 1. Spell it.</sub-task>\n<thinking>",
                "end_tokens", "</thinking>,</tool_call>", "n", 2, "temperature", 0.7, "max_tokens", 512,
                "use_tools", "{}");
        List<String> texts = given().contentType(ContentType.JSON).body(request).post("/generate")
                .then().statusCode(200).body("response", hasSize(2))
                .extract().path("response");
        assertThat(texts).allSatisfy(text -> assertThat(text)
                .contains("s(1) u(2) -> u count 1", "Count of e: 1", "Count of u: 2", "the total number of e and u")
                .doesNotContain("</thinking>"));
    }

    @Test
    void theCriticPathDoubleChecksAndTheAnswerFollows() {
        String history = "<sub-task>- 1. Spell.</sub-task>\n<thinking>Count of e: 1\nCount of u: 2\n"
                + "So the total number of e and u in \"subsensual\" is 3.\n</thinking>\n";
        String check = given().contentType(ContentType.JSON)
                .body(Map.of("user_question", QUESTION, "model_output", history + "<double-check>Time to double check the result",
                        "end_tokens", List.of("</double-check>")))
                .post("/critic/generate").then().statusCode(200).extract().path("response[0]");
        assertThat(check).startsWith(" carefully.").contains("the total is 3");

        String answer = given().contentType(ContentType.JSON)
                .body(Map.of("user_question", QUESTION, "model_output",
                        history + "<double-check>" + check + "</double-check>\n<answer>The answer is:",
                        "end_tokens", "</answer>"))
                .post("/generate").then().statusCode(200).extract().path("response[0]");
        assertThat(Boxed.valueIn(answer)).isEqualTo(3);
    }

    @Test
    void badFieldsAreRejectedWithTheFieldNamed() {
        given().contentType(ContentType.JSON).body(Map.of("user_question", "x", "n", 0)).post("/generate")
                .then().statusCode(400).body("error.param", equalTo("n"));
        given().contentType(ContentType.JSON).body(Map.of("user_question", 5)).post("/generate")
                .then().statusCode(400).body("error.param", equalTo("user_question"));
    }
}
