package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.SearchConfig;
import java.util.List;
import java.util.Optional;

/**
 * Decides which action a rollout takes after the path so far. The walking skeleton walks a fixed chain; the MCTS
 * expands by the action tree's {@code next_step} instead, behind the same question.
 */
public interface RolloutPlan {

    /**
     * @param pathActions the actions from the root ({@code base}) to the current node
     * @return the next action, or empty when the path cannot go on
     */
    Optional<String> nextAction(SearchConfig config, List<String> pathActions);
}
