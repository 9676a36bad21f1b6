package dev.marcoforge.generator.search;

import dev.marcoforge.generator.persistence.ProblemRun;
import java.util.Optional;

/**
 * When a search ends, checked after each rollout exactly as the reference does (with its 0-based rollout index):
 * give up after more than 4 x max_rollout_time rollouts below the min threshold; succeed after more than
 * max_rollout_time rollouts at or above it; succeed as soon as the total reward reaches the max threshold.
 */
public final class StopRule {

    private StopRule() {
    }

    /** @return the problem's final status, or empty to go on searching */
    public static Optional<String> after(int rolloutIndex, double totalReward, int maxRolloutTime, double min,
            double max) {
        if (rolloutIndex > maxRolloutTime * 4 && totalReward < min) {
            return Optional.of(ProblemRun.UNSOLVED);
        }
        if (rolloutIndex > maxRolloutTime && totalReward >= min) {
            return Optional.of(ProblemRun.SOLVED);
        }
        if (totalReward >= max) {
            return Optional.of(ProblemRun.SOLVED);
        }
        return Optional.empty();
    }
}
