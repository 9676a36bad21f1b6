package dev.marcoforge.sandbox.rest;

import static dev.marcoforge.sandbox.rest.ChatApi.STRAWBERRY;
import static dev.marcoforge.sandbox.rest.ChatApi.messages;
import static dev.marcoforge.sandbox.rest.ChatApi.postChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.marcoforge.sandbox.simulation.Tokenizer;
import dev.marcoforge.sandbox.support.Boxed;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.Flawless.class)
class ChatCompletionsTests {

    @Test
    void aFullChainOfStepsReachesTheRightBoxedAnswer() {
        ChatApi chat = new ChatApi(STRAWBERRY);
        String plan = chat.step("sandbox-policy", "sub-task", "Firstly, I need to break down this task.\n- 1.");
        String thinking = chat.step("sandbox-policy", "thinking", "");
        String check = chat.step("sandbox-critic", "double-check", "Let's check the result");
        String answer = chat.step("sandbox-policy", "answer", "The answer is:");

        assertThat(plan).contains("- 2.").doesNotContain("</sub-task>");
        assertThat(thinking).contains("Count of r: 3", "Count of a: 1").doesNotContain("</thinking>");
        assertThat(check).contains("the total is 4").doesNotContain("</double-check>");
        assertThat(Boxed.valueIn(answer)).isEqualTo(4);
        assertThat(answer).doesNotContain("</answer>");
    }

    @Test
    void theResponseHasTheOpenAiShape() {
        io.restassured.response.Response response = postChat(Map.of("model", "any-name-at-all",
                "messages", messages(STRAWBERRY, "<answer>The answer is:")));
        response.then().statusCode(200)
                .contentType("application/json")
                .body("id", startsWith("chatcmpl-"))
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo("any-name-at-all"))
                .body("choices", hasSize(1))
                .body("choices[0].index", equalTo(0))
                .body("choices[0].message.role", equalTo("assistant"))
                // Without a stop sequence the closing tag is part of the text.
                .body("choices[0].message.content", equalTo(" \\boxed{4}</answer>"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].logprobs", nullValue())
                .body("usage.completion_tokens", equalTo(9));
        int prompt = response.path("usage.prompt_tokens");
        int total = response.path("usage.total_tokens");
        assertThat(prompt).isGreaterThan(100);
        assertThat(total).isEqualTo(prompt + 9);
        assertThat(response.jsonPath().getMap("choices[0]")).containsKey("logprobs");
        assertThat(response.<Integer>path("created")).isPositive();
    }

    @Test
    void contentPartsAreReadLikePlainStrings() {
        List<Map<String, Object>> parts = List.of(
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Now the question is: "),
                        Map.of("type", "text", "text", "What is 17 + 25?"))),
                Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "text", "<answer>"))));
        postChat(Map.of("messages", parts)).then().statusCode(200)
                .body("choices[0].message.content", equalTo("The answer is: \\boxed{42}</answer>"));
    }

    @Test
    void maxTokensTruncatesWithFinishReasonLength() {
        String whole = postChat(Map.of("messages", messages(STRAWBERRY, "<thinking>"), "seed", 8))
                .then().extract().path("choices[0].message.content");
        String truncated = postChat(Map.of("messages", messages(STRAWBERRY, "<thinking>"), "max_tokens", 5,
                "seed", 8))
                .then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("length"))
                .body("usage.completion_tokens", equalTo(5))
                .extract().path("choices[0].message.content");
        assertThat(Tokenizer.count(truncated)).isEqualTo(5);
        assertThat(whole).startsWith(truncated);
        postChat(Map.of("messages", messages(STRAWBERRY, "<thinking>"), "max_completion_tokens", 3,
                "max_tokens", 50))
                .then().body("usage.completion_tokens", equalTo(3));
    }

    @Test
    void nChoicesAreReturnedWithTheirIndexes() {
        postChat(Map.of("messages", messages(STRAWBERRY, "<thinking>"), "n", 3, "stop", "</thinking>"))
                .then().statusCode(200)
                .body("choices", hasSize(3))
                .body("choices.index", equalTo(List.of(0, 1, 2)))
                .body("choices.finish_reason", equalTo(List.of("stop", "stop", "stop")));
    }

    @Test
    void theSameSeedGivesTheSameText() {
        Map<String, Object> request = Map.of("messages", messages(STRAWBERRY, null), "seed", 1234, "n", 2,
                "temperature", 1.2);
        List<String> first = postChat(request).then().extract().path("choices.message.content");
        List<String> second = postChat(request).then().extract().path("choices.message.content");
        assertThat(first).isEqualTo(second);
    }
}
