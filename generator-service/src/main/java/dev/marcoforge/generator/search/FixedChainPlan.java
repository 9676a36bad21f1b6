package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * One rollout along sub_task, thinking, double_check, answer. Actions the config does not define are skipped, so any
 * valid config (which always has {@code answer}) yields a chain.
 */
@ApplicationScoped
public class FixedChainPlan implements RolloutPlan {

    static final List<String> CHAIN = List.of("sub_task", "thinking", "double_check", SearchConfig.ANSWER_ACTION);

    @Override
    public Optional<String> nextAction(SearchConfig config, List<String> pathActions) {
        String last = pathActions.isEmpty() ? SearchConfig.BASE_ACTION : pathActions.get(pathActions.size() - 1);
        int from = SearchConfig.BASE_ACTION.equals(last) ? 0 : CHAIN.indexOf(last) + 1;
        if (from <= 0 && !SearchConfig.BASE_ACTION.equals(last)) {
            return Optional.empty();
        }
        return CHAIN.subList(from, CHAIN.size()).stream().filter(a -> config.action(a).isPresent()).findFirst();
    }
}
