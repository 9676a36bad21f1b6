package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Answers that must match a Java regular expression. Ground truth: the pattern as a string, or
 * {@code {"pattern": "...", "fullMatch": true, "ignoreCase": false}}. By default the whole final answer (boxed, or
 * the {@code <answer>} body) must match; with {@code fullMatch: false} a match anywhere in the answer text counts.
 */
@ApplicationScoped
public class RegexEvaluator implements Evaluator {

    private static final int MAX_CACHED = 10_000;
    private final Map<String, Pattern> compiled = new ConcurrentHashMap<>();

    @Override
    public Set<String> names() {
        return Set.of("regex");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        String pattern;
        boolean fullMatch = true;
        boolean ignoreCase = false;
        if (groundTruth.isTextual()) {
            pattern = groundTruth.textValue();
        } else if (groundTruth.isObject() && groundTruth.path("pattern").isTextual()) {
            pattern = groundTruth.get("pattern").textValue();
            fullMatch = booleanField(groundTruth, "fullMatch", true);
            ignoreCase = booleanField(groundTruth, "ignoreCase", false);
        } else {
            throw new IllegalArgumentException("regex needs a pattern string or {\"pattern\": ...} as ground truth, "
                    + "got " + groundTruth);
        }
        Pattern regex = compile(pattern, ignoreCase);
        String answer = fullMatch ? AnswerText.finalAnswer(answerText) : answerText;
        Matcher m = regex.matcher(answer);
        boolean ok = fullMatch ? m.matches() : m.find();
        String shown = fullMatch ? answer : ok ? m.group() : null;
        if (ok) {
            return Verdict.correct(shown, (fullMatch ? "answer '" + answer + "' matches /" : "text contains a match of /")
                    + pattern + "/");
        }
        return Verdict.wrong(fullMatch ? answer : null, (fullMatch ? "answer '" + answer + "' does not match /"
                : "no match of /") + pattern + "/" + (fullMatch ? "" : " in the text"));
    }

    private Pattern compile(String pattern, boolean ignoreCase) {
        String key = (ignoreCase ? "i:" : "s:") + pattern;
        Pattern cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Pattern p = Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            if (compiled.size() < MAX_CACHED) {
                compiled.put(key, p);
            }
            return p;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex: the ground truth pattern does not compile: "
                    + e.getDescription() + " in /" + pattern + "/");
        }
    }

    private static boolean booleanField(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("regex: '" + field + "' must be a boolean, got " + value);
        }
        return value.booleanValue();
    }
}
