package dev.marcoforge.sandbox.simulation;

import java.util.List;

/** Applies stop sequences and the token budget the way OpenAI and vLLM do. */
public final class OutputLimiter {

    public record Limited(String text, FinishReason finishReason, int tokens) {
    }

    private OutputLimiter() {
    }

    /**
     * Cuts before the earliest stop sequence (which is not part of the output), then truncates to
     * {@code maxTokens}; running out of budget is reported as "length" even if a stop sequence came later.
     */
    public static Limited apply(String text, List<String> stops, int maxTokens) {
        String kept = text;
        int cut = -1;
        for (String stop : stops) {
            if (stop == null || stop.isEmpty()) {
                continue;
            }
            int at = kept.indexOf(stop);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            kept = kept.substring(0, cut);
        }
        int tokens = Tokenizer.count(kept);
        if (tokens > maxTokens) {
            String truncated = Tokenizer.truncate(kept, maxTokens);
            return new Limited(truncated, FinishReason.LENGTH, Tokenizer.count(truncated));
        }
        return new Limited(kept, FinishReason.STOP, tokens);
    }
}
