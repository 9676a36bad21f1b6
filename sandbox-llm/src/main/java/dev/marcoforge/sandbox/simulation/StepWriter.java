package dev.marcoforge.sandbox.simulation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a narrator's step body into the continuation of the client's prefill: the prefill is already in the
 * context, so the text must pick up mid-sentence or mid-list where it stops (e.g. after "- 1.").
 */
final class StepWriter {

    private static final Pattern OPEN_LIST_ITEM = Pattern.compile("(?:^|\\n)[ \\t]*-?[ \\t]*(\\d{1,3})\\.[ \\t]*$");
    private static final Pattern STARTED_LIST_ITEM = Pattern.compile("(?:^|\\n)[ \\t]*-[ \\t]*(\\d{1,3})\\.[^\\n]*\\S[^\\n]*$");

    private StepWriter() {
    }

    /**
     * The text to write after the open tag and its prefill, including the closing tag. A body written while the
     * dice injected a mistake is marked as a shaken step (the closing tag is not: it is written with certainty).
     */
    static String writeStep(Action action, String prefill, Narrator narrator, HistoryFacts facts, String closingTag,
                            Dice dice) {
        int mistakesBefore = dice.mistakesSoFar();
        String body = body(action, prefill, narrator, facts);
        if (dice.mistakesSoFar() > mistakesBefore) {
            body = DoubtMarks.shakenStep(body);
        }
        return action == Action.ANSWER ? body + closingTag : body + "\n" + closingTag;
    }

    private static String body(Action action, String prefill, Narrator narrator, HistoryFacts facts) {
        switch (action) {
            case SUB_TASK:
                return continuePlan(prefill, narrator.planItems());
            case THINKING:
                return join(prefill, ":", narrator.thinking(facts));
            case DOUBLE_CHECK:
                return join(prefill, " carefully.", narrator.doubleCheck(facts));
            case REFLECTION:
                return prefill.isBlank()
                        ? "Wait! something is wrong, let's think again.\n" + narrator.reflection(facts)
                        : join(prefill, ".", narrator.reflection(facts));
            case THINKING_FROM_SCRATCH:
                return join(prefill, " to start again from the beginning.", narrator.thinkingFromScratch(facts));
            case HYPOTHESIS:
                return hypothesis(prefill, narrator.quantity(), narrator.hypothesisFigure(facts));
            case ANSWER:
                return answer(prefill, narrator.answerFigure(facts));
            default:
                return join(prefill, ".", "I keep working on the question.");
        }
    }

    static String continuePlan(String prefill, List<String> items) {
        Matcher open = OPEN_LIST_ITEM.matcher(prefill);
        if (open.find()) {
            int number = Integer.parseInt(open.group(1));
            if (number > items.size()) {
                return " Review the steps above.";
            }
            return " " + items.get(number - 1) + listFrom(items, number + 1);
        }
        Matcher started = STARTED_LIST_ITEM.matcher(prefill);
        if (started.find()) {
            return listFrom(items, Integer.parseInt(started.group(1)) + 1);
        }
        String lead = prefill.isBlank() ? "I need to break down this task." : "";
        String list = listFrom(items, 1).substring(1);
        return prefill.isBlank() ? lead + "\n" + list : join(prefill, ".", list);
    }

    private static String listFrom(List<String> items, int firstNumber) {
        StringBuilder text = new StringBuilder();
        for (int number = firstNumber; number <= items.size(); number++) {
            text.append("\n- ").append(number).append(". ").append(items.get(number - 1));
        }
        return text.toString();
    }

    private static String hypothesis(String prefill, String quantity, String value) {
        String verify = " Let me verify it by working through the question again.";
        if (prefill.isEmpty()) {
            return "Maybe the " + quantity + " is " + value + "." + verify;
        }
        char last = prefill.charAt(prefill.length() - 1);
        if (Character.isLetterOrDigit(last)) {
            boolean alternative = prefill.strip().toLowerCase(Locale.ROOT).endsWith("alternatively");
            return (alternative ? ", the " + quantity + " could be " : " the " + quantity + " is ") + value + "." + verify;
        }
        return (Character.isWhitespace(last) ? "" : " ") + "Maybe the " + quantity + " is " + value + "." + verify;
    }

    private static String answer(String prefill, String value) {
        String boxed = "\\boxed{" + value + "}";
        String trimmed = prefill.stripTrailing().toLowerCase(Locale.ROOT);
        if (trimmed.endsWith("boxed{")) {
            return value + "}";
        }
        if (trimmed.endsWith("answer is:") || trimmed.endsWith("answer is")) {
            return (prefill.endsWith(" ") ? "" : " ") + boxed;
        }
        if (prefill.isBlank()) {
            return "The answer is: " + boxed;
        }
        return join(prefill, ".", "The answer is: " + boxed);
    }

    /** Ends a half-written sentence with {@code tail} before the body starts on a line of its own. */
    private static String join(String prefill, String tail, String body) {
        if (prefill.isEmpty() || Character.isWhitespace(prefill.charAt(prefill.length() - 1))) {
            return body;
        }
        if (Character.isLetterOrDigit(prefill.charAt(prefill.length() - 1))) {
            return tail + "\n" + body;
        }
        return "\n" + body;
    }
}
