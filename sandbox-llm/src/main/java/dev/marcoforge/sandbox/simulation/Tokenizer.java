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
     * Cuts the text into stream pieces of {@code tokensPerPiece} tokens; each piece carries the whitespace before
     * its tokens, so the pieces concatenate back to exactly the text.
     */
    public static List<String> pieces(String text, int tokensPerPiece) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int pieceStart = 0;
        int inPiece = 0;
        while (matcher.find()) {
            inPiece++;
            if (inPiece == tokensPerPiece) {
                pieces.add(text.substring(pieceStart, matcher.end()));
                pieceStart = matcher.end();
                inPiece = 0;
            }
        }
        if (pieceStart < text.length()) {
            String rest = text.substring(pieceStart);
            if (inPiece == 0 && !pieces.isEmpty()) {
                // Only trailing whitespace is left: glue it to the last piece rather than sending a blank delta.
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + rest);
            } else {
                pieces.add(rest);
            }
        }
        return pieces;
    }
}
