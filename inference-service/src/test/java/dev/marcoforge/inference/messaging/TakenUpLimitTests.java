package dev.marcoforge.inference.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class TakenUpLimitTests {

    @Test
    void belowTheLimitEveryRequestIsTakenUpAtOnceAndAtItTheNextWaitsForOneToFinish() {
        TakenUpLimit limit = new TakenUpLimit(3);

        assertThat(limit.enter().toCompletableFuture()).isDone();
        assertThat(limit.enter().toCompletableFuture()).isDone();
        CompletionStage<Void> third = limit.enter();
        assertThat(third.toCompletableFuture()).as("the third fills the limit: no room for a fourth").isNotDone();
        assertThat(limit.running()).isEqualTo(3);

        limit.leave();

        assertThat(third.toCompletableFuture()).isDone();
        assertThat(limit.running()).isEqualTo(2);
        assertThat(limit.enter().toCompletableFuture()).as("full again").isNotDone();
    }

    @Test
    void aFinishThatLeavesTheLimitReachedMakesNoRoom() {
        TakenUpLimit limit = new TakenUpLimit(1);
        CompletionStage<Void> first = limit.enter();
        assertThat(first.toCompletableFuture()).isNotDone();
        limit.leave();
        assertThat(first.toCompletableFuture()).isDone();
        assertThatThrownBy(() -> new TakenUpLimit(0)).hasMessageContaining("at least 1");
    }
}
