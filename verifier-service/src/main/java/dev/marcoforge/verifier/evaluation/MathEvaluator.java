package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.verifier.evaluation.math.MathAnswerExtractor;
import dev.marcoforge.verifier.evaluation.math.MathNormalizer;
import dev.marcoforge.verifier.evaluation.math.SymbolicMath;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Final-answer math grading (GSM8K, MATH, AIME). Ground truth: a number, a LaTeX answer ({@code "\frac{1}{2}"}),
 * a full solution whose last {@code \boxed{}} (or GSM8K {@code ####}) answer is taken, or {@code {"answer": ...}}.
 * Two answers match when they read the same after normalization, when their numbers agree within a relative
 * tolerance of 1e-6, when tuples, sets or intervals match element by element, or when Symja proves them equal.
 */
@ApplicationScoped
public class MathEvaluator implements Evaluator {

    private static final double RELATIVE_TOLERANCE = 1e-6;
    private static final double ABSOLUTE_TOLERANCE = 1e-9;
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final Pattern PLAIN_FRACTION = Pattern.compile("(-?)\\\\frac\\{(-?\\d+(?:\\.\\d+)?)}\\{(\\d+(?:\\.\\d+)?)}");
    private static final Pattern MIXED_NUMBER = Pattern.compile("(-?)(\\d+)\\\\frac\\{(\\d+)}\\{(\\d+)}");
    private static final Pattern WORDS = Pattern.compile("[a-zA-Z][a-zA-Z ]*");

    @Override
    public Set<String> names() {
        return Set.of("math");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        String truth = truthOf(groundTruth);
        Optional<MathAnswerExtractor.Extracted> extracted = MathAnswerExtractor.extract(answerText);
        if (extracted.isEmpty()) {
            return Verdict.wrong(null, "no final answer found (no \\boxed{}, no 'the answer is', no number)");
        }
        String answer = extracted.get().answer();
        String source = switch (extracted.get().source()) {
            case BOXED -> "boxed answer";
            case ANSWER_IS -> "stated answer";
            case GSM8K_MARK -> "#### answer";
            case WHOLE_TEXT -> "answer";
            case LAST_NUMBER -> "last number in the text (no boxed answer)";
        };
        Match match = compare(answer, truth);
        if (match.equal()) {
            return Verdict.correct(answer, source + " '" + answer + "' matches the truth '" + truth + "' ("
                    + match.how() + ")");
        }
        return Verdict.wrong(answer, source + " '" + answer + "' differs from the truth '" + truth + "'"
                + (match.how().isEmpty() ? "" : " (" + match.how() + ")"));
    }

    static String truthOf(JsonNode groundTruth) {
        if (groundTruth.isNumber()) {
            return groundTruth.asText();
        }
        if (groundTruth.isTextual() && !groundTruth.textValue().isBlank()) {
            return MathAnswerExtractor.truthAnswer(groundTruth.textValue());
        }
        if (groundTruth.isObject() && groundTruth.has("answer")) {
            return truthOf(groundTruth.get("answer"));
        }
        throw new IllegalArgumentException("math needs a number, a LaTeX answer, a solution with \\boxed{} or "
                + "{\"answer\": ...} as ground truth, got " + groundTruth);
    }

    /** Whether two answers are the same, and by which rule. */
    public record Match(boolean equal, String how) {
    }

    public static Match compare(String answer, String truth) {
        String a = MathNormalizer.normalize(answer);
        String t = MathNormalizer.normalize(truth);
        if (a.isEmpty()) {
            return new Match(false, "the answer is empty");
        }
        if (a.equals(t)) {
            return new Match(true, "same after normalization: " + t);
        }
        if (WORDS.matcher(a).matches() && WORDS.matcher(t).matches() && (a.length() > 2 || t.length() > 2)) {
            // Word answers ("Monday", "yes") are compared as words; a CAS would read them as products of variables.
            boolean same = MathNormalizer.caseless(a).equals(MathNormalizer.caseless(t));
            return new Match(same, same ? "same words" : "different words");
        }
        Optional<Collection> ca = Collection.parse(a);
        Optional<Collection> ct = Collection.parse(t);
        if (ca.isPresent() || ct.isPresent()) {
            return compareCollections(ca, ct);
        }
        return compareValues(a, t);
    }

    private static Match compareValues(String a, String t) {
        OptionalDouble va = plainValue(a);
        OptionalDouble vt = plainValue(t);
        if (va.isEmpty()) {
            va = SymbolicMath.numericValue(a);
        }
        if (vt.isEmpty()) {
            vt = SymbolicMath.numericValue(t);
        }
        if (va.isPresent() && vt.isPresent()) {
            // Both are closed numbers (2\sqrt{2}, \frac{\pi}{3}): their values decide, within the tolerance.
            return numeric(va.getAsDouble(), vt.getAsDouble());
        }
        if (SymbolicMath.provablyEqual(a, t)) {
            return new Match(true, "equal by Symja");
        }
        return new Match(false, "not equal after normalization ('" + a + "' vs '" + t + "') nor by Symja");
    }

    private static Match numeric(double a, double t) {
        double diff = Math.abs(a - t);
        if (diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(t))) {
            return new Match(true, "numerically equal: " + fmt(a) + " vs " + fmt(t));
        }
        return new Match(false, "numerically " + fmt(a) + " vs " + fmt(t));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The value of a plain number or a fraction of plain numbers, read without a CAS call. */
    static OptionalDouble plainValue(String s) {
        if (PLAIN_NUMBER.matcher(s).matches()) {
            return OptionalDouble.of(Double.parseDouble(s));
        }
        var mixed = MIXED_NUMBER.matcher(s);
        if (mixed.matches()) {
            // "1\frac{1}{2}" is one and a half in MATH answers, not a product.
            double value = Double.parseDouble(mixed.group(2))
                    + Double.parseDouble(mixed.group(3)) / Double.parseDouble(mixed.group(4));
            return OptionalDouble.of(mixed.group(1).isEmpty() ? value : -value);
        }
        var fraction = PLAIN_FRACTION.matcher(s);
        if (fraction.matches()) {
            double value = Double.parseDouble(fraction.group(2)) / Double.parseDouble(fraction.group(3));
            return OptionalDouble.of(fraction.group(1).isEmpty() ? value : -value);
        }
        return OptionalDouble.empty();
    }

    private static Match compareCollections(Optional<Collection> ca, Optional<Collection> ct) {
        if (ca.isEmpty() || ct.isEmpty()) {
            return new Match(false, ca.isEmpty() ? "the truth is a " + ct.get().kind() + ", the answer is not"
                    : "the answer is a " + ca.get().kind() + ", the truth is not");
        }
        Collection a = ca.get();
        Collection t = ct.get();
        if (a.elements().size() != t.elements().size()) {
            return new Match(false, a.elements().size() + " elements against " + t.elements().size());
        }
        if (t.kind().equals("interval") || a.kind().equals("interval")) {
            if (!a.open().equals(t.open()) || !a.close().equals(t.close())) {
                return new Match(false, "interval ends differ: " + a.open() + "..." + a.close() + " vs "
                        + t.open() + "..." + t.close());
            }
        } else if (!a.kind().equals(t.kind()) && !(a.kind().equals("list") || t.kind().equals("list"))) {
            return new Match(false, "a " + a.kind() + " against a " + t.kind());
        }
        boolean unordered = a.kind().equals("set") || t.kind().equals("set") || a.kind().equals("list")
                && t.kind().equals("list");
        List<String> remaining = new ArrayList<>(t.elements());
        for (int i = 0; i < a.elements().size(); i++) {
            String element = a.elements().get(i);
            if (unordered) {
                int found = -1;
                for (int j = 0; j < remaining.size() && found < 0; j++) {
                    if (compare(element, remaining.get(j)).equal()) {
                        found = j;
                    }
                }
                if (found < 0) {
                    return new Match(false, "element '" + element + "' is not in the truth");
                }
                remaining.remove(found);
            } else if (!compare(element, t.elements().get(i)).equal()) {
                return new Match(false, "element " + (i + 1) + " '" + element + "' differs from '"
                        + t.elements().get(i) + "'");
            }
        }
        return new Match(true, "every element of the " + t.kind() + " matches");
    }

    /** A tuple {@code (1,2)}, a set {@code \{1,2\}}, an interval {@code [1,2)} or a bare list {@code 1,2}. */
    record Collection(String kind, String open, String close, List<String> elements) {

        static Optional<Collection> parse(String s) {
            String open = "";
            String close = "";
            String inner = s;
            if (s.startsWith("\\{") && s.endsWith("\\}")) {
                open = "{";
                close = "}";
                inner = s.substring(2, s.length() - 2);
            } else if (s.length() >= 2 && "([".indexOf(s.charAt(0)) >= 0 && ")]".indexOf(s.charAt(s.length() - 1)) >= 0
                    && enclosesAll(s)) {
                open = s.substring(0, 1);
                close = s.substring(s.length() - 1);
                inner = s.substring(1, s.length() - 1);
            }
            List<String> parts = splitTopLevel(inner);
            if (parts.size() < 2) {
                return Optional.empty();
            }
            String kind = switch (open) {
                case "{" -> "set";
                case "" -> "list";
                default -> open.equals("(") && close.equals(")") && !s.contains("\\infty") ? "tuple" : "interval";
            };
            return Optional.of(new Collection(kind, open, close, parts));
        }

        /** Whether the first bracket closes at the last character, so "(1,2)+(3,4)" is not one tuple. */
        private static boolean enclosesAll(String s) {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                    if (depth == 0 && i < s.length() - 1) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static List<String> splitTopLevel(String s) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    parts.add(s.substring(start, i).trim());
                    start = i + 1;
                }
            }
            parts.add(s.substring(start).trim());
            return parts;
        }
    }
}
