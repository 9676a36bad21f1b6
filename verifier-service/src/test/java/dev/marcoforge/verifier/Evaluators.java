package dev.marcoforge.verifier;

import dev.marcoforge.verifier.evaluation.Evaluator;
import dev.marcoforge.verifier.evaluation.ExactEvaluator;
import dev.marcoforge.verifier.evaluation.InstructionFollowingEvaluator;
import dev.marcoforge.verifier.evaluation.LetterCountEvaluator;
import dev.marcoforge.verifier.evaluation.MathEvaluator;
import dev.marcoforge.verifier.evaluation.MultipleChoiceEvaluator;
import dev.marcoforge.verifier.evaluation.PlanningEvaluator;
import dev.marcoforge.verifier.evaluation.RegexEvaluator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every evaluator by name, built without CDI, as unit tests and the benchmark use them. */
public final class Evaluators {

    private Evaluators() {
    }

    public static Map<String, Evaluator> byName() {
        Map<String, Evaluator> byName = new TreeMap<>();
        for (Evaluator e : List.of(new LetterCountEvaluator(() -> 2), new MathEvaluator(), new ExactEvaluator(),
                new RegexEvaluator(), new MultipleChoiceEvaluator(), new InstructionFollowingEvaluator(),
                new PlanningEvaluator())) {
            e.names().forEach(n -> byName.put(n, e));
        }
        return byName;
    }
}
