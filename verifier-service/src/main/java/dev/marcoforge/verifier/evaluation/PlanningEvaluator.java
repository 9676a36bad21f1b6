package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.verifier.evaluation.planning.BlocksWorld;
import dev.marcoforge.verifier.evaluation.planning.PlanParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Blocksworld plans (PlanBench, as the Marco-o1 paper evaluates planning). Ground truth:
 * {@code {"init": ["clear a", "on a b", "ontable b", "handempty"], "goal": ["on b a"]}}; facts are
 * {@code on x y}, {@code ontable x}, {@code clear x}, {@code holding x}, {@code handempty}, as strings (with or
 * without PDDL parentheses) or lists. The plan is simulated step by step from {@code init}; the verdict names the
 * first step whose precondition fails, or the goal facts the final state misses.
 */
@ApplicationScoped
public class PlanningEvaluator implements Evaluator {

    @Override
    public Set<String> names() {
        return Set.of("planning", "blocksworld");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        if (!groundTruth.isObject()) {
            throw new IllegalArgumentException("planning needs {\"init\": [...facts], \"goal\": [...facts]} as ground "
                    + "truth, got " + groundTruth);
        }
        BlocksWorld world = BlocksWorld.of(groundTruth.has("init") ? groundTruth.get("init") : groundTruth.get("initial"));
        Set<String> goal = BlocksWorld.parseFacts(groundTruth.get("goal"), "goal");
        PlanParser.Parsed parsed = PlanParser.parse(AnswerText.body(answerText));
        String plan = parsed.actions().stream().map(Object::toString).collect(Collectors.joining(" "));
        if (parsed.problem() != null) {
            return Verdict.wrong(plan, "step " + (parsed.actions().size() + 1) + ": " + parsed.problem());
        }
        if (parsed.actions().isEmpty()) {
            return Verdict.wrong(null, "no plan found (no pick-up, put-down, stack or unstack step)");
        }
        List<BlocksWorld.Action> actions = parsed.actions();
        for (int i = 0; i < actions.size(); i++) {
            var illegal = world.apply(actions.get(i));
            if (illegal.isPresent()) {
                return Verdict.wrong(plan, "step " + (i + 1) + " " + actions.get(i) + " is illegal: " + illegal.get());
            }
        }
        List<String> unmet = world.unmet(goal);
        if (!unmet.isEmpty()) {
            return Verdict.wrong(plan, "all " + actions.size() + " steps are legal but the goal is not reached: "
                    + unmet + " not true at the end");
        }
        return Verdict.correct(plan, "all " + actions.size() + " steps are legal and reach the goal " + goal);
    }
}
