package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a real tokenizer: words and single punctuation marks are tokens. Close enough for usage
 * figures and {@code max_tokens}, and it keeps tags like {@code </thinking>} several tokens long as real ones are.
 * A token is what the regular expression {@code \w+|[^\w\s]} finds (ASCII word and space classes), scanned by
 * hand: every prompt of every call is counted, and the regular expression was the simulator's hottest code.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static int count(String text) {
        if (text == null) {
            return 0;
        }
        int count = 0;
        for (int start = tokenStart(text, 0); start < text.length(); start = tokenStart(text, tokenEnd(text, start))) {
            count++;
        }
        return count;
    }

    /** The longest prefix holding at most {@code maxTokens} tokens, ending right after the last kept token. */
    public static String truncate(String text, int maxTokens) {
        int kept = 0;
        int end = 0;
        for (int start = tokenStart(text, 0); kept < maxTokens && start < text.length();
                start = tokenStart(text, end)) {
            kept++;
            end = tokenEnd(text, start);
        }
        return kept < maxTokens ? text : text.substring(0, end);
    }

    /**
     * The text cut into its tokens, each carrying the whitespace before it (the last one also the whitespace
     * after it), so the tokens concatenate back to exactly the text, as the tokens of OpenAI's logprobs do. There
     * are {@link #count} of them; text of whitespace only has none.
     */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        int start = 0;
        for (int token = tokenStart(text, 0); token < text.length(); token = tokenStart(text, start)) {
            int end = tokenEnd(text, token);
            tokens.add(text.substring(start, end));
            start = end;
        }
        if (!tokens.isEmpty() && start < text.length()) {
            int last = tokens.size() - 1;
            tokens.set(last, tokens.get(last) + text.substring(start));
        }
        return tokens;
    }

    /**
     * Cuts the text into stream pieces of {@code tokensPerPiece} consecutive {@link #tokens}, so piece {@code i}
     * holds tokens {@code i * tokensPerPiece} onwards and the pieces concatenate back to exactly the text.
     */
    public static List<String> pieces(String text, int tokensPerPiece) {
        List<String> tokens = tokens(text);
        List<String> pieces = new ArrayList<>();
        if (tokens.isEmpty()) {
            // Whitespace only: still delivered, as one piece without tokens.
            if (text != null && !text.isEmpty()) {
                pieces.add(text);
            }
            return pieces;
        }
        for (int from = 0; from < tokens.size(); from += tokensPerPiece) {
            pieces.add(String.join("", tokens.subList(from, Math.min(from + tokensPerPiece, tokens.size()))));
        }
        return pieces;
    }

    /** Where the next token at or after {@code from} starts: the first character that is not a space. */
    private static int tokenStart(String text, int from) {
        int at = from;
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Where the token starting at {@code start} ends: a run of word characters, or one other code point. */
    private static int tokenEnd(String text, int start) {
        if (!isWord(text.charAt(start))) {
            return start + Character.charCount(text.codePointAt(start));
        }
        int at = start + 1;
        while (at < text.length() && isWord(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Whether {@code c} is in the regular expressions' {@code \s} class (ASCII white space). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
