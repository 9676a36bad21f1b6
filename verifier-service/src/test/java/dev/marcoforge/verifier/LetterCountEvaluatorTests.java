package dev.marcoforge.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.marcoforge.verifier.evaluation.LetterCountEvaluator;
import org.junit.jupiter.api.Test;

class LetterCountEvaluatorTests {

    private final LetterCountEvaluator evaluator = new LetterCountEvaluator(() -> 2);

    @Test
    void boxedAnswerEqualToTheTruthIsCorrect() {
        var verdict = evaluator.evaluate("<answer>The answer is: \\boxed{3}</answer>", IntNode.valueOf(3));
        assertThat(verdict.correct()).isTrue();
        assertThat(verdict.extractedAnswer()).isEqualTo("3");
    }

    @Test
    void spacesAndNumberWordsAreRead() {
        assertThat(evaluator.evaluate("boxed{ 4 }", IntNode.valueOf(4)).correct()).isTrue();
        assertThat(evaluator.evaluate("\\boxed{four}", IntNode.valueOf(4)).correct()).isTrue();
        assertThat(evaluator.evaluate("\\boxed{4}", TextNode.valueOf("4")).correct()).isTrue();
    }

    @Test
    void theLastBoxedAnswerCounts() {
        var verdict = evaluator.evaluate("first boxed{2}, corrected: boxed{5}", IntNode.valueOf(5));
        assertThat(verdict.correct()).isTrue();
    }

    @Test
    void wrongAnswerNamesBothValues() {
        var verdict = evaluator.evaluate("<answer>\\boxed{2}</answer>", IntNode.valueOf(3));
        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.reason()).contains("2").contains("3");
    }

    @Test
    void moreThanTwoAngleBracketsAreRejectedEvenWhenTheNumberIsRight() {
        var verdict = evaluator.evaluate("<answer><thinking>\\boxed{3}</answer>", IntNode.valueOf(3));
        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.reason()).contains("3 '<'");
    }

    @Test
    void missingBoxIsWrong() {
        assertThat(evaluator.evaluate("<answer>3</answer>", IntNode.valueOf(3)).reason()).contains("no boxed");
    }

    @Test
    void groundTruthThatIsNoCountIsAnError() {
        assertThatThrownBy(() -> evaluator.evaluate("boxed{3}", TextNode.valueOf("many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("many");
    }
}
