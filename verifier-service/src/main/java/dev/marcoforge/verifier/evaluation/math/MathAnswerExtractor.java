package dev.marcoforge.verifier.evaluation.math;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's text the way MATH-style graders do: the last {@code \boxed{...}} (braces
 * balanced, so {@code \boxed{\frac{1}{2}}} is read whole) or {@code \fbox{...}}, else "the answer is ...", else the
 * last number of the text.
 */
public final class MathAnswerExtractor {

    /** Where an answer came from; the verdict names it so a surprising read can be traced. */
    public enum Source { BOXED, ANSWER_IS, GSM8K_MARK, WHOLE_TEXT, LAST_NUMBER }

    public record Extracted(String answer, Source source) {
    }

    private static final Pattern ANSWER_IS = Pattern.compile(
            "(?i)(?:final answer|the answer)\\s*(?:is|:)\\s*:?\\s*(.+?)\\s*(?:\\.\\s*$|\\.\\s+|\\n|$)");
    private static final Pattern GSM8K_MARK = Pattern.compile("####\\s*(.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?(?:/\\d+)?|-?\\.\\d+");

    private MathAnswerExtractor() {
    }

    public static Optional<Extracted> extract(String text) {
        String boxed = lastBoxed(text);
        if (boxed != null) {
            return Optional.of(new Extracted(boxed, Source.BOXED));
        }
        Matcher mark = GSM8K_MARK.matcher(text);
        String marked = null;
        while (mark.find()) {
            marked = mark.group(1);
        }
        if (marked != null) {
            return Optional.of(new Extracted(marked, Source.GSM8K_MARK));
        }
        Matcher answerIs = ANSWER_IS.matcher(text);
        String said = null;
        while (answerIs.find()) {
            said = answerIs.group(1);
        }
        if (said != null && !said.isBlank()) {
            return Optional.of(new Extracted(stripDelimiters(said), Source.ANSWER_IS));
        }
        Matcher number = NUMBER.matcher(text);
        String last = null;
        while (number.find()) {
            last = number.group();
        }
        return last == null ? Optional.empty() : Optional.of(new Extracted(last, Source.LAST_NUMBER));
    }

    /**
     * Reads a ground truth text: a full solution gives its boxed (or {@code ####}) answer, anything else is taken as
     * the answer itself.
     */
    public static String truthAnswer(String truth) {
        String boxed = lastBoxed(truth);
        if (boxed != null) {
            return boxed;
        }
        Matcher mark = GSM8K_MARK.matcher(truth);
        String marked = null;
        while (mark.find()) {
            marked = mark.group(1);
        }
        return marked != null ? marked : truth.trim();
    }

    /** The content of the last {@code \boxed} or {@code \fbox}, with balanced braces; null when there is none. */
    public static String lastBoxed(String text) {
        int at = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
        if (at < 0) {
            at = text.lastIndexOf("boxed{");
            if (at < 0) {
                return null;
            }
        }
        int i = text.indexOf(text.startsWith("\\fbox", at) ? "fbox" : "boxed", at);
        i += text.startsWith("fbox", i) ? 4 : 5;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i < text.length() && text.charAt(i) != '{') {
            // "\boxed 5": the answer runs to the next space or dollar sign.
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
                end++;
            }
            return end > i ? text.substring(i, end) : null;
        }
        int depth = 0;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return text.substring(i + 1, j).trim();
                }
            }
        }
        return null;
    }

    private static String stripDelimiters(String said) {
        String s = said.trim();
        for (String[] pair : new String[][] { { "$$", "$$" }, { "$", "$" }, { "\\(", "\\)" }, { "\\[", "\\]" },
                { "**", "**" } }) {
            if (s.startsWith(pair[0]) && s.endsWith(pair[1]) && s.length() >= pair[0].length() + pair[1].length()) {
                s = s.substring(pair[0].length(), s.length() - pair[1].length()).trim();
            }
        }
        return s;
    }
}
