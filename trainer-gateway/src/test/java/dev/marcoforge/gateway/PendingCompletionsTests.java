package dev.marcoforge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.gateway.openai.PendingCompletions;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingCompletionsTests {

    private final PendingCompletions pending = new PendingCompletions();

    @Test
    void aResultCompletesOnlyItsOwnRequest() {
        var mine = pending.register("r1");
        var other = pending.register("r2");

        assertThat(pending.accept(InferenceResult.complete("r1", "m", List.of(new InferenceResult.Choice(0, "a",
                "stop")), null))).isTrue();
        assertThat(pending.accept(InferenceResult.complete("elsewhere", "m", List.of(), null))).isFalse();

        assertThat(mine).isCompleted();
        assertThat(mine.join().choices().get(0).content()).isEqualTo("a");
        assertThat(other).isNotDone();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void chunksAreJoinedPerChoiceUntilTheLast() {
        var future = pending.register("r");
        pending.accept(new InferenceResult(1, "r", 0, false, "m", List.of(new InferenceResult.Choice(0, "Hel", null),
                new InferenceResult.Choice(1, "Wo", null)), null, null));
        assertThat(future).isNotDone();
        pending.accept(new InferenceResult(1, "r", 1, true, "m", List.of(new InferenceResult.Choice(0, "lo", "stop"),
                new InferenceResult.Choice(1, "rld", "length")), new InferenceResult.Usage(1, 2, 3), null));

        var whole = future.join();
        assertThat(whole.choices()).containsExactly(new InferenceResult.Choice(0, "Hello", "stop"),
                new InferenceResult.Choice(1, "World", "length"));
        assertThat(whole.usage().totalTokens()).isEqualTo(3);
        assertThat(pending.size()).isZero();
    }

    @Test
    void anErrorEndsTheWaitAtOnce() {
        var future = pending.register("r");
        pending.accept(new InferenceResult(1, "r", 0, false, "m", List.of(new InferenceResult.Choice(0, "x", null)),
                null, null));
        pending.accept(InferenceResult.failed("r", "m", new InferenceResult.Error(502, null, "down", null)));
        assertThat(future.join().error().message()).isEqualTo("down");
    }

    @Test
    void aRequestIdIsPendingOnce() {
        pending.register("r");
        assertThatThrownBy(() -> pending.register("r")).isInstanceOf(IllegalStateException.class);
    }
}
