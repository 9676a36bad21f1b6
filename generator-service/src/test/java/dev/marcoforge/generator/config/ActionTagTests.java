package dev.marcoforge.generator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionTagTests {

    @Test
    void theTableFollowsTheReferencePrompts() {
        assertThat(ActionTag.of("sub_task").open()).isEqualTo("<sub-task>");
        assertThat(ActionTag.of("thinking").open()).isEqualTo("<thinking>");
        assertThat(ActionTag.of("double_check").open()).isEqualTo("<double-check>");
        assertThat(ActionTag.of("reflection").open()).isEqualTo("<reflection>");
        assertThat(ActionTag.of("hypothesis").open()).isEqualTo("<hypothesis>");
        assertThat(ActionTag.of("thinking_from_scratch").open()).isEqualTo("<thinking_from_scratch>");
        assertThat(ActionTag.of("answer").open()).isEqualTo("<answer>");
        assertThat(ActionTag.of("double_check").close()).isEqualTo("</double-check>");
    }

    @Test
    void anUnknownActionIsTaggedWithItsName() {
        assertThat(ActionTag.of("summarize_step").open()).isEqualTo("<summarize_step>");
        assertThat(ActionTag.of("summarize_step").close()).isEqualTo("</summarize_step>");
    }

    @Test
    void overridesWinWithOrWithoutBrackets() {
        Map<String, String> overrides = Map.of("sub_task", "<plan>", "answer", "final");
        assertThat(ActionTag.of("sub_task", overrides).open()).isEqualTo("<plan>");
        assertThat(ActionTag.of("answer", overrides).close()).isEqualTo("</final>");
        assertThat(ActionTag.of("thinking", overrides).open()).isEqualTo("<thinking>");
    }

    @Test
    void aTagNameCannotHoldBracketsOrSpaces() {
        assertThatThrownBy(() -> new ActionTag("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActionTag("<<x>")).isInstanceOf(IllegalArgumentException.class);
    }
}
