package dev.marcoforge.sandbox.rest;

import static dev.marcoforge.sandbox.rest.ChatApi.STRAWBERRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.sandbox.support.Boxed;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(Profiles.SloppyWithSharpCritic.class)
class CriticCatchTests {

    @Test
    void theCriticNamesTheErrorAndTheAnswerFollowsTheCorrection() {
        ChatApi chat = new ChatApi(STRAWBERRY);
        chat.step("sandbox-policy", "sub-task", "Firstly, I need to break down this task.\n- 1.");
        String thinking = chat.step("sandbox-policy", "thinking", "");
        String check = chat.step("sandbox-critic", "double-check", "Let's check the result");
        String answer = chat.step("sandbox-policy", "answer", "The answer is:");

        assertThat(thinking).doesNotContain("is 4.");
        assertThat(check).contains("I found an error", "the correct total is 4");
        assertThat(Boxed.valueIn(answer)).isEqualTo(4);
    }
}
