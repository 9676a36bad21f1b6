package dev.marcoforge.launcher.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalMetricsTests {

    @Test
    void passAtKMatchesTheCombinatorialDefinition() {
        // n = 4, c = 1, k = 2: 1 - C(3,2)/C(4,2) = 1 - 3/6 = 0.5.
        assertThat(EvalMetrics.passAtK(4, 1, 2)).isCloseTo(0.5, within(1e-12));
        // n = 10, c = 3, k = 1 is the plain accuracy 0.3.
        assertThat(EvalMetrics.passAtK(10, 3, 1)).isCloseTo(0.3, within(1e-12));
        // n = 32, c = 2, k = 8: 1 - C(30,8)/C(32,8) = 1 - (24*23)/(32*31).
        assertThat(EvalMetrics.passAtK(32, 2, 8)).isCloseTo(1 - (24.0 * 23) / (32 * 31), within(1e-12));
        assertThat(EvalMetrics.passAtK(8, 0, 8)).isZero();
        assertThat(EvalMetrics.passAtK(8, 1, 8)).isEqualTo(1.0);
        assertThat(EvalMetrics.meanPassAtK(List.of(new int[] {4, 1}, new int[] {4, 4}), 2))
                .isCloseTo(0.75, within(1e-12));
        assertThatThrownBy(() -> EvalMetrics.passAtK(4, 1, 8)).hasMessageContaining("pass@8 needs at least 8");
    }

    @Test
    void answersAndRestartMarkersAreRecognised() {
        assertThat(EvalMetrics.hasAnswer("<thinking>x</thinking><answer>3</answer>")).isTrue();
        assertThat(EvalMetrics.hasAnswer("so \\boxed{3}")).isTrue();
        assertThat(EvalMetrics.hasAnswer("<thinking>x</thinking><answer>3")).isFalse();
        assertThat(EvalMetrics.answerPart("<thinking>a</thinking><answer>1</answer> wait <answer>\\boxed{2}</answer>"))
                .isEqualTo("<answer>\\boxed{2}</answer>");
        assertThat(EvalMetrics.answerPart("so \\boxed{3}")).isEqualTo("so \\boxed{3}");
        assertThat(EvalMetrics.restartMarkers("Wait, no. Hmm... wait! Awaiting nothing.")).isEqualTo(3);
    }
}
