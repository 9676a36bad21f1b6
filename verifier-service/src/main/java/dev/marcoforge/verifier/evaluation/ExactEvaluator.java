package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/**
 * Exact answers: the final answer (boxed, or the {@code <answer>} body) equals the truth after trimming,
 * collapsing white space and dropping a trailing period. Ground truth: a string or number, or
 * {@code {"answer": "...", "caseSensitive": false}} (case-sensitive by default).
 */
@ApplicationScoped
public class ExactEvaluator implements Evaluator {

    @Override
    public Set<String> names() {
        return Set.of("exact");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        String truth;
        boolean caseSensitive = true;
        if (groundTruth.isTextual() || groundTruth.isNumber()) {
            truth = groundTruth.asText();
        } else if (groundTruth.isObject() && groundTruth.path("answer").isValueNode()
                && !groundTruth.path("answer").isNull()) {
            truth = groundTruth.get("answer").asText();
            JsonNode flag = groundTruth.path("caseSensitive");
            if (!flag.isMissingNode() && !flag.isBoolean()) {
                throw new IllegalArgumentException("exact: 'caseSensitive' must be a boolean, got " + flag);
            }
            caseSensitive = flag.asBoolean(true);
        } else {
            throw new IllegalArgumentException("exact needs a string, a number or {\"answer\": ...} as ground truth, "
                    + "got " + groundTruth);
        }
        String answer = AnswerText.finalAnswer(answerText);
        String a = tidy(answer, caseSensitive);
        String t = tidy(truth, caseSensitive);
        if (a.equals(t)) {
            return Verdict.correct(answer, "answer '" + answer + "' equals the truth");
        }
        return Verdict.wrong(answer, "answer '" + answer + "' differs from the truth '" + truth + "'");
    }

    private static String tidy(String s, boolean caseSensitive) {
        String t = s.trim().replaceAll("\\s+", " ");
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        return caseSensitive ? t : t.toLowerCase(Locale.ROOT);
    }
}
