package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multiple choice with options A to E. Ground truth: the letter ({@code "C"}, {@code "(c)"}) or
 * {@code {"answer": "C"}}. The chosen letter is read from, in order: a boxed answer ({@code \boxed{C}},
 * {@code \boxed{\text{(C)}}}), "the answer is (C)" / "Answer: C", an answer body that is just the letter, and the
 * last parenthesised letter "(C)". A text naming no letter is wrong, never guessed.
 */
@ApplicationScoped
public class MultipleChoiceEvaluator implements Evaluator {

    private static final Pattern LONE_LETTER = Pattern.compile("(?i)^\\W*(?:\\\\text\\{)?\\W*([A-E])\\W*}?\\W*$");
    private static final Pattern LETTER_FIRST = Pattern.compile("^\\W*([A-E])(?:[).:\\]]|\\s|$)");
    private static final Pattern STATED = Pattern.compile(
            "(?i)(?:answer|choice|option)\\s*(?:is|:)?\\s*(?:option\\s*)?[:\\s]*\\(?\\**\\s*([A-E])\\b(?![a-z'])");
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([A-E])\\)");

    @Override
    public Set<String> names() {
        return Set.of("multiple_choice");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        String truth = truthOf(groundTruth);
        String boxed = dev.marcoforge.verifier.evaluation.math.MathAnswerExtractor.lastBoxed(answerText);
        String chosen = null;
        String how = null;
        if (boxed != null) {
            chosen = letterIn(boxed);
            how = "boxed";
        }
        if (chosen == null) {
            chosen = last(STATED.matcher(answerText));
            how = "stated";
        }
        if (chosen == null) {
            chosen = letterIn(AnswerText.body(answerText));
            how = "answer body";
        }
        if (chosen == null) {
            chosen = last(PARENTHESISED.matcher(answerText));
            how = "last (X) in the text";
        }
        if (chosen == null) {
            return Verdict.wrong(null, "no choice A-E found in the answer");
        }
        chosen = chosen.toUpperCase(Locale.ROOT);
        if (chosen.equals(truth)) {
            return Verdict.correct(chosen, "chose " + chosen + " (" + how + "), the right option");
        }
        return Verdict.wrong(chosen, "chose " + chosen + " (" + how + "), the right option is " + truth);
    }

    private static String letterIn(String s) {
        Matcher lone = LONE_LETTER.matcher(s.trim());
        if (lone.matches()) {
            return lone.group(1);
        }
        Matcher first = LETTER_FIRST.matcher(s.trim());
        return first.find() ? first.group(1) : null;
    }

    private static String last(Matcher m) {
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static String truthOf(JsonNode groundTruth) {
        JsonNode node = groundTruth.isObject() ? groundTruth.path("answer") : groundTruth;
        if (node.isTextual()) {
            Matcher m = LONE_LETTER.matcher(node.textValue().trim());
            if (m.matches()) {
                return m.group(1).toUpperCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException("multiple_choice needs one letter A-E (or {\"answer\": \"C\"}) as ground "
                + "truth, got " + groundTruth + "; options " + List.of("A", "B", "C", "D", "E"));
    }
}
