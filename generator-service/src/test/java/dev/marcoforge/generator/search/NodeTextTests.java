package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.config.StepMode;
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
    void withoutTagsAStepEndsAtItsFirstNewlineAndAMiniStepIsTheOutputAsWritten() {
        assertThat(NodeText.compose(StepMode.STEP, subTask, "First, ", "spell it.\nThen count.\n"))
                .isEqualTo("First, spell it.\n");
        assertThat(NodeText.compose(StepMode.STEP, subTask, "", "no newline")).isEqualTo("no newline\n");
        assertThat(NodeText.compose(StepMode.MINI_STEP, subTask, "First, ", "spell it. Th"))
                .isEqualTo("First, spell it. Th");
        assertThat(NodeText.compose(StepMode.TAGGED, subTask, "", "x")).isEqualTo("<sub-task>x</sub-task>\n");
    }

    @Test
    void withoutTagsNoPrefillIsAFixedNode() {
        String closing = "Wait! Maybe I made some mistakes! I need to rethink from scratch.</reflection>";
        assertThat(NodeText.isFixed(StepMode.TAGGED, reflection, closing)).isTrue();
        assertThat(NodeText.isFixed(StepMode.STEP, reflection, closing)).isFalse();
        assertThat(NodeText.isFixed(StepMode.MINI_STEP, reflection, closing)).isFalse();
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
