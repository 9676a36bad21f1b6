package dev.marcoforge.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.verifier.evaluation.Evaluator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the verdicts say: the extracted answer and the reason, and the errors on malformed ground truths. */
class EvaluatorReasonTests {

    private final Map<String, Evaluator> evaluators = Evaluators.byName();

    private static JsonNode json(String json) {
        try {
            return MessageCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void mathNamesTheRuleThatDecided() {
        var closed = evaluators.get("math").evaluate("\\boxed{\\sqrt{12}}", json("\"2\\\\sqrt{3}\""));
        assertThat(closed.correct()).isTrue();
        assertThat(closed.extractedAnswer()).isEqualTo("\\sqrt{12}");
        assertThat(closed.reason()).contains("numerically equal: 3.46");
        var symbolic = evaluators.get("math").evaluate("\\boxed{(a+b)^{2}}", json("\"a^2+2ab+b^2\""));
        assertThat(symbolic.correct()).as(symbolic.reason()).isTrue();
        assertThat(symbolic.reason()).contains("equal by Symja");
        var notSymbolic = evaluators.get("math").evaluate("\\boxed{(a+b)^{2}}", json("\"a^2+b^2\""));
        assertThat(notSymbolic.correct()).isFalse();
        var numeric = evaluators.get("math").evaluate("The answer is 0.75.", json("\"\\\\frac{3}{4}\""));
        assertThat(numeric.reason()).contains("stated answer").contains("numerically equal");
        var fallback = evaluators.get("math").evaluate("so we get 12 apples", json("12"));
        assertThat(fallback.correct()).isTrue();
        assertThat(fallback.reason()).contains("last number");
    }

    @Test
    void mathRejectsAGroundTruthItCannotRead() {
        assertThatThrownBy(() -> evaluators.get("math").evaluate("\\boxed{1}", json("{\"x\": 1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("math needs");
        assertThatThrownBy(() -> evaluators.get("math").evaluate("\\boxed{1}", json("\"  \"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planningNamesTheFirstIllegalStepAndTheUnmetGoal() {
        JsonNode truth = json("{\"init\": [\"clear a\", \"on a b\", \"ontable b\", \"handempty\"], "
                + "\"goal\": [\"on b a\"]}");
        var illegal = evaluators.get("planning").evaluate("(unstack a b)\n(pick-up b)", truth);
        assertThat(illegal.correct()).isFalse();
        assertThat(illegal.reason()).isEqualTo("step 2 (pick-up b) is illegal: the hand holds a");
        var unmet = evaluators.get("planning").evaluate("(unstack a b)\n(put-down a)", truth);
        assertThat(unmet.reason()).contains("goal is not reached").contains("on b a");
    }

    @Test
    void planningRejectsMalformedGroundTruth() {
        assertThatThrownBy(() -> evaluators.get("planning").evaluate("(pick-up a)",
                json("{\"init\": [\"floating a\"], \"goal\": [\"on a b\"]}")))
                .hasMessageContaining("unknown predicate 'floating'");
        assertThatThrownBy(() -> evaluators.get("planning").evaluate("(pick-up a)",
                json("{\"init\": [\"on a\"], \"goal\": [\"on a b\"]}"))).hasMessageContaining("takes 2");
        assertThatThrownBy(() -> evaluators.get("planning").evaluate("(pick-up a)", json("{\"init\": [\"clear a\"]}")))
                .hasMessageContaining("'goal'");
    }

    @Test
    void regexReportsAPatternThatDoesNotCompile() {
        assertThatThrownBy(() -> evaluators.get("regex").evaluate("x", json("\"([a-z\"")))
                .hasMessageContaining("does not compile");
    }

    @Test
    void multipleChoiceNeedsALetterAsTruth() {
        assertThatThrownBy(() -> evaluators.get("multiple_choice").evaluate("(A)", json("\"Z\"")))
                .hasMessageContaining("one letter A-E");
    }
}
