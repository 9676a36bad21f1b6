package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the question at the end of a (possibly long) user turn and recognizes its shape. */
public final class QuestionParser {

    /** The reference's base prompt ends with this marker (in any ASCII case), then the question. */
    private static final String QUESTION_MARKER = "now the question is";
    private static final Pattern SPECIAL_TOKEN = Pattern.compile("<\\|[^|>]*\\|>");
    private static final Pattern WORD_AT_END = Pattern.compile(
            "(?i)\\bin\\s+(?:the\\s+(?:word|string)\\s+)?[\"'“‘]?([a-z]+)[\"'”’]?\\s*[?.!]*\\s*$");
    private static final Pattern SINGLE_LETTER = Pattern.compile(
            "(?i)(?<![a-z'’])[\"'“‘]?([a-z])[\"'”’]?(?:['’]s)?(?![a-z])");
    private static final Pattern FOLLOWING_WORD = Pattern.compile("\\s+([A-Za-z]+)");
    /** Words that may follow a letter "a" in a letter question; anything else makes it the article. */
    private static final Set<String> WORDS_AFTER_LETTER_A = Set.of(
            "and", "or", "are", "is", "in", "together", "present", "appear", "appears", "occur", "occurs");
    private static final Pattern ARITHMETIC = Pattern.compile(
            "(?i)(-?\\d{1,9})\\s*(\\+|-|\\*|×|x|/|÷|plus|minus|times|multiplied by|divided by)\\s*(-?\\d{1,9})");

    private QuestionParser() {
    }

    /** The text after the last "Now the question is:", else the last non-empty line. */
    public static String extractQuestion(String userText) {
        String text = userText == null ? ""
                : userText.contains("<|") ? SPECIAL_TOKEN.matcher(userText).replaceAll("\n") : userText;
        // Every call parses its whole prompt: a backwards scan for the marker costs far less than a regex from the
        // start.
        int start = lastMarkerEnd(text);
        if (start >= 0) {
            String rest = text.substring(start).strip();
            int newline = rest.indexOf('\n');
            return newline < 0 ? rest : rest.substring(0, newline).strip();
        }
        String[] lines = text.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    /** Where the last question marker, with the spaces and the colon after it, ends; -1 when there is none. */
    private static int lastMarkerEnd(String text) {
        for (int at = text.length() - QUESTION_MARKER.length(); at >= 0; at--) {
            if (isMarkerAt(text, at)) {
                int end = at + QUESTION_MARKER.length();
                while (end < text.length() && Tokenizer.isSpace(text.charAt(end))) {
                    end++;
                }
                return end < text.length() && text.charAt(end) == ':' ? end + 1 : end;
            }
        }
        return -1;
    }

    private static boolean isMarkerAt(String text, int at) {
        for (int i = 0; i < QUESTION_MARKER.length(); i++) {
            char c = text.charAt(at + i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != QUESTION_MARKER.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public static Problem parse(String question) {
        String text = question == null ? "" : question.strip();
        LetterCountProblem letters = parseLetterCount(text);
        if (letters != null) {
            return letters;
        }
        ArithmeticProblem arithmetic = parseArithmetic(text);
        if (arithmetic != null) {
            return arithmetic;
        }
        return new UnrecognizedProblem(text);
    }

    private static LetterCountProblem parseLetterCount(String text) {
        Matcher word = WORD_AT_END.matcher(text);
        if (!word.find()) {
            return null;
        }
        String head = text.substring(0, word.start());
        List<Character> letters = new ArrayList<>();
        Matcher letter = SINGLE_LETTER.matcher(head);
        while (letter.find()) {
            char found = Character.toLowerCase(letter.group(1).charAt(0));
            if (found == 'a' && isArticle(head, letter.end())) {
                continue;
            }
            if (!letters.contains(found)) {
                letters.add(found);
            }
        }
        if (letters.isEmpty()) {
            return null;
        }
        return new LetterCountProblem(word.group(1).toLowerCase(Locale.ROOT), letters);
    }

    private static boolean isArticle(String text, int afterLetter) {
        Matcher next = FOLLOWING_WORD.matcher(text);
        if (!next.find(afterLetter) || next.start() != afterLetter) {
            return false;
        }
        return !WORDS_AFTER_LETTER_A.contains(next.group(1).toLowerCase(Locale.ROOT));
    }

    private static ArithmeticProblem parseArithmetic(String text) {
        Matcher matcher = ARITHMETIC.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        long left = Long.parseLong(matcher.group(1));
        long right = Long.parseLong(matcher.group(3));
        ArithmeticProblem.Operator operator = operatorOf(matcher.group(2).toLowerCase(Locale.ROOT));
        if (operator == ArithmeticProblem.Operator.DIVIDED_BY && (right == 0 || left % right != 0)) {
            return null;
        }
        return new ArithmeticProblem(left, operator, right);
    }

    private static ArithmeticProblem.Operator operatorOf(String token) {
        switch (token) {
            case "+":
            case "plus":
                return ArithmeticProblem.Operator.PLUS;
            case "-":
            case "minus":
                return ArithmeticProblem.Operator.MINUS;
            case "/":
            case "÷":
            case "divided by":
                return ArithmeticProblem.Operator.DIVIDED_BY;
            default:
                return ArithmeticProblem.Operator.TIMES;
        }
    }
}
