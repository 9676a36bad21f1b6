package dev.marcoforge.sandbox.simulation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two texts the simulator needs: the user turn (base prompt + question) and the assistant text so far, which
 * is continued, never repeated.
 */
public record Conversation(String userText, String assistantPrefix) {

    private static final Pattern ASSISTANT_TURN = Pattern.compile("<\\|im_start\\|>assistant[ \\t]*\\n?");
    private static final Pattern QUESTION_LINE = Pattern.compile("(?i)now the question is[^\\n]*(?:\\n|$)");

    public Conversation {
        userText = userText == null ? "" : userText;
        assistantPrefix = assistantPrefix == null ? "" : assistantPrefix;
    }

    /**
     * Splits a raw completion prompt: after a ChatML assistant header if there is one, else after the question
     * line, so the tag names listed in the base prompt are not mistaken for open steps.
     */
    public static Conversation fromRawPrompt(String prompt) {
        String text = prompt == null ? "" : prompt;
        Matcher assistant = ASSISTANT_TURN.matcher(text);
        int assistantStart = -1;
        int userEnd = -1;
        while (assistant.find()) {
            userEnd = assistant.start();
            assistantStart = assistant.end();
        }
        if (assistantStart >= 0) {
            return new Conversation(text.substring(0, userEnd), text.substring(assistantStart));
        }
        Matcher question = QUESTION_LINE.matcher(text);
        int questionEnd = -1;
        while (question.find()) {
            questionEnd = question.end();
        }
        if (questionEnd >= 0) {
            return new Conversation(text.substring(0, questionEnd), text.substring(questionEnd));
        }
        return new Conversation(text, "");
    }
}
