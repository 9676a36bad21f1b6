package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.generator.persistence.ProblemRun;
import org.junit.jupiter.api.Test;

/** The reference's exit conditions with max_rollout_time 32 and thresholds [4, 8]; rollout indexes count from 0. */
class StopRuleTests {

    @Test
    void reachingTheMaxThresholdSucceedsAtOnce() {
        assertThat(StopRule.after(7, 8, 32, 4, 8)).contains(ProblemRun.SOLVED);
        assertThat(StopRule.after(7, 7, 32, 4, 8)).isEmpty();
        assertThat(StopRule.after(0, 9, 32, 4, 8)).contains(ProblemRun.SOLVED);
    }

    @Test
    void afterMoreThanMaxRolloutTimeTheMinThresholdSucceeds() {
        assertThat(StopRule.after(32, 4, 32, 4, 8)).as("index 32 is not more than 32").isEmpty();
        assertThat(StopRule.after(33, 4, 32, 4, 8)).contains(ProblemRun.SOLVED);
        assertThat(StopRule.after(33, 3, 32, 4, 8)).isEmpty();
    }

    @Test
    void afterMoreThanFourTimesMaxRolloutTimeBelowTheMinItGivesUp() {
        assertThat(StopRule.after(128, 3, 32, 4, 8)).isEmpty();
        assertThat(StopRule.after(129, 3, 32, 4, 8)).contains(ProblemRun.UNSOLVED);
        assertThat(StopRule.after(129, 0, 32, 4, 8)).contains(ProblemRun.UNSOLVED);
    }
}
