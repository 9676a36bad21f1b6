package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.verifier.config.LetterCountConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Marco-o1 reference's letter-counting rule: the {@code boxed{}} answer must equal the truth, and an answer node
 * with more than two {@code <} is rejected (a model that nests or repeats tags in its answer is not answering).
 * {@code count_latter} is the reference's own spelling and is kept for its configs.
 */
@ApplicationScoped
public class LetterCountEvaluator implements Evaluator {

    private static final Pattern BOXED = Pattern.compile("\\\\?boxed\\s*\\{\\s*([^{}]*?)\\s*}");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20));

    private final int maxAngleBrackets;

    public LetterCountEvaluator(LetterCountConfig config) {
        this.maxAngleBrackets = config.maxAngleBrackets();
    }

    @Override
    public Set<String> names() {
        return Set.of("count_latter", "count_letters");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        int truth = truthOf(groundTruth);
        long angleBrackets = answerText.chars().filter(c -> c == '<').count();
        String boxed = lastBoxed(answerText);
        if (angleBrackets > maxAngleBrackets) {
            return Verdict.wrong(boxed, "the answer node has " + angleBrackets + " '<' characters; more than "
                    + maxAngleBrackets + " means nested or repeated tags, which the rule rejects");
        }
        if (boxed == null) {
            return Verdict.wrong(null, "no boxed{...} answer found");
        }
        Optional<Integer> value = parseCount(boxed);
        if (value.isEmpty()) {
            return Verdict.wrong(boxed, "the boxed answer '" + boxed + "' is not a count");
        }
        if (value.get() == truth) {
            return Verdict.correct(String.valueOf(value.get()), "boxed answer " + value.get() + " equals the truth");
        }
        return Verdict.wrong(String.valueOf(value.get()),
                "boxed answer " + value.get() + " differs from the truth " + truth);
    }

    private static int truthOf(JsonNode groundTruth) {
        if (groundTruth.isIntegralNumber()) {
            return groundTruth.intValue();
        }
        if (groundTruth.isTextual()) {
            return parseCount(groundTruth.textValue().trim()).orElseThrow(() -> new IllegalArgumentException(
                    "ground truth '" + groundTruth.textValue() + "' is not a count"));
        }
        throw new IllegalArgumentException("letter counting needs a whole number as ground truth, got " + groundTruth);
    }

    private static String lastBoxed(String text) {
        Matcher m = BOXED.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    static Optional<Integer> parseCount(String raw) {
        String value = raw.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[.\\s]+$", "");
        if (value.matches("[+]?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(value.replace("+", "")));
        }
        return Optional.ofNullable(NUMBER_WORDS.get(value));
    }
}
