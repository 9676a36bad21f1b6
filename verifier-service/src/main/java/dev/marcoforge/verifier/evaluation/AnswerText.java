package dev.marcoforge.verifier.evaluation;

import dev.marcoforge.verifier.evaluation.math.MathAnswerExtractor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The answer part of a model's answer node: the {@code <answer>} body, the boxed value, or the text itself. */
final class AnswerText {

    private static final Pattern ANSWER_TAG = Pattern.compile("(?s)<answer>(.*?)(?:</answer>|$)");
    private static final Pattern OUTPUT_TAG = Pattern.compile("(?s)<Output>(.*?)(?:</Output>|$)");

    private AnswerText() {
    }

    /** The boxed answer if there is one, else the tagged answer body, else the whole text; trimmed. */
    static String finalAnswer(String text) {
        String boxed = MathAnswerExtractor.lastBoxed(text);
        if (boxed != null) {
            return boxed.trim();
        }
        return body(text);
    }

    /** The text inside {@code <answer>} or {@code <Output>} tags, else the whole text; trimmed. */
    static String body(String text) {
        for (Pattern tag : new Pattern[] { ANSWER_TAG, OUTPUT_TAG }) {
            Matcher m = tag.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last != null) {
                return last.trim();
            }
        }
        return text.trim();
    }
}
