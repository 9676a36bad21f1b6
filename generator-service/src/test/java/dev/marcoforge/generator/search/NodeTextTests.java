package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.generator.config.ActionTag;
import org.junit.jupiter.api.Test;

class NodeTextTests {

    private final ActionTag subTask = ActionTag.of("sub_task");
    private final ActionTag reflection = ActionTag.of("reflection");

    @Test
    void aNodeIsOpenTagPrefillOutputCloseTagNewline() {
        assertThat(NodeText.compose(subTask, "Firstly, I need to break down this task.\n- 1.", " Spell it.\n- 2. Count."))
                .isEqualTo("<sub-task>Firstly, I need to break down this task.\n- 1. Spell it.\n- 2. Count.</sub-task>\n");
    }

    @Test
    void anOutputThatKeptTheCloseTagIsNotClosedTwice() {
        assertThat(NodeText.compose(subTask, "", " done</sub-task>\n")).isEqualTo("<sub-task> done</sub-task>\n");
    }

    @Test
    void anEmptyOutputStillMakesAClosedNode() {
        assertThat(NodeText.compose(ActionTag.of("answer"), "The answer is:", null))
                .isEqualTo("<answer>The answer is:</answer>\n");
    }

    @Test
    void aPrefillThatClosesItsTagIsAFixedNode() {
        String prefill = "Wait! something is wrong, let's think again.\n</reflection>";

        assertThat(NodeText.isFixed(reflection, prefill)).isTrue();
        assertThat(NodeText.fixed(reflection, prefill))
                .isEqualTo("<reflection>Wait! something is wrong, let's think again.\n</reflection>\n");
        assertThat(NodeText.isFixed(reflection, "Wait!")).isFalse();
        assertThat(NodeText.isFixed(subTask, prefill)).isFalse();
    }
}
