package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a real tokenizer: words and single punctuation marks are tokens. Close enough for usage
 * figures and {@code max_tokens}, and it keeps tags like {@code </thinking>} several tokens long as real ones are.
 */
public final class Tokenizer {

    private static final Pattern TOKEN = Pattern.compile("\\w+|[^\\w\\s]");

    private Tokenizer() {
    }

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Matcher matcher = TOKEN.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** The longest prefix holding at most {@code maxTokens} tokens, ending right after the last kept token. */
    public static String truncate(String text, int maxTokens) {
        Matcher matcher = TOKEN.matcher(text);
        int kept = 0;
        int end = 0;
        while (kept < maxTokens && matcher.find()) {
            kept++;
            end = matcher.end();
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
        Matcher matcher = TOKEN.matcher(text);
        int start = 0;
        while (matcher.find()) {
            tokens.add(text.substring(start, matcher.end()));
            start = matcher.end();
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
}
