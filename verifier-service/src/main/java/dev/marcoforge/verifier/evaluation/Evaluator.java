package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import java.util.Set;

/** Judges an answer text against a problem's ground truth. Implementations are stateless CDI beans. */
public interface Evaluator {

    /** The names a search config's {@code evaluate_func} may use for this evaluator. */
    Set<String> names();

    /**
     * @throws IllegalArgumentException when the ground truth has a shape this evaluator cannot use; the message
     *         names the problem.
     */
    Verdict evaluate(String answerText, JsonNode groundTruth);
}
