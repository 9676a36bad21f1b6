package dev.marcoforge.sandbox.rest;

import static dev.marcoforge.sandbox.rest.ChatApi.STRAWBERRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.sandbox.support.Boxed;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.SloppyUnchecked.class)
class UncaughtMistakesTests {

    @Test
    void aSpellingSlipNobodyCatchesReachesTheAnswer() {
        ChatApi chat = new ChatApi(STRAWBERRY);
        chat.step("sandbox-policy", "sub-task", "Firstly, I need to break down this task.\n- 1.");
        chat.step("sandbox-policy", "thinking", "");
        String check = chat.step("sandbox-critic", "double-check", "Let's check the result");
        String answer = chat.step("sandbox-policy", "answer", "The answer is:");

        assertThat(check).doesNotContain("error");
        assertThat(Boxed.valueIn(answer)).as(chat.history()).isNotEqualTo(4);
    }

    @Test
    void temperatureZeroStillGetsItRight() {
        String chain = ChatApi.postChat(java.util.Map.of("messages", ChatApi.messages(STRAWBERRY, null),
                "temperature", 0)).then().statusCode(200).extract().path("choices[0].message.content");
        assertThat(Boxed.valueIn(chain)).isEqualTo(4);
    }
}
