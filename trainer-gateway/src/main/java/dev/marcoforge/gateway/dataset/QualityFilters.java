package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The quality filters of a data set, applied in a fixed order so that each dropped chain is counted once, under the
 * first filter it fails: annotator-rejected, missing answer tag, repetition, over-reflection.
 */
public final class QualityFilters {

    /** The names the stats use for the filters, in the order they are applied. */
    public static final String ANNOTATOR_REJECTED = "annotatorRejected";
    public static final String MISSING_ANSWER_TAG = "missingAnswerTag";
    public static final String REPETITION = "repetition";
    public static final String OVER_REFLECTION = "overReflection";
    public static final List<String> NAMES = List.of(ANNOTATOR_REJECTED, MISSING_ANSWER_TAG, REPETITION,
            OVER_REFLECTION);

    private static final Pattern WORD_SPLIT = Pattern.compile("\\s+");

    private final DatasetOptions.Filters options;
    private final Predicate<String> annotatorRejected;
    private final Pattern answer;
    private final Pattern markers;

    public QualityFilters(DatasetOptions.Filters options, Predicate<String> annotatorRejected) {
        this.options = options;
        this.annotatorRejected = annotatorRejected;
        String tag = Pattern.quote(options.answerTag().tag());
        this.answer = Pattern.compile("<" + tag + ">[\\s\\S]*?</" + tag + ">");
        this.markers = markerPattern(options.overReflection().markers());
    }

    static Pattern markerPattern(List<String> words) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + words.stream().map(Pattern::quote)
                .collect(Collectors.joining("|")) + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** @return the name of the first enabled filter the chain fails, or null when it passes them all */
    public String failure(Chain chain) {
        String text = chain.text();
        if (options.annotatorRejected().enabled() && annotatorRejected.test(chain.chainId())) {
            return ANNOTATOR_REJECTED;
        }
        if (options.answerTag().enabled() && !answer.matcher(text).find()) {
            return MISSING_ANSWER_TAG;
        }
        if (options.repetition().enabled()
                && repeatedNgramRatio(text, options.repetition().ngram()) > options.repetition().maxRatio()) {
            return REPETITION;
        }
        if (options.overReflection().enabled()
                && markersPer1000Chars(text) > options.overReflection().maxPer1000Chars()) {
            return OVER_REFLECTION;
        }
        return null;
    }

    /** The share of word n-grams that repeat an earlier one: 0 for no repetition, near 1 for a loop. */
    public static double repeatedNgramRatio(String text, int n) {
        String[] words = WORD_SPLIT.split(text.strip().toLowerCase(Locale.ROOT));
        int total = words.length - n + 1;
        if (words.length == 0 || words[0].isEmpty() || total <= 0) {
            return 0;
        }
        Set<String> seen = new HashSet<>();
        int repeated = 0;
        for (int i = 0; i < total; i++) {
            if (!seen.add(String.join(" ", java.util.Arrays.asList(words).subList(i, i + n)))) {
                repeated++;
            }
        }
        return (double) repeated / total;
    }

    /** Restart markers ("wait", "hmm", ...) as whole words, in any case. */
    public int markerCount(String text) {
        return (int) markers.matcher(text).results().count();
    }

    public double markersPer1000Chars(String text) {
        int chars = text.codePointCount(0, text.length());
        return chars == 0 ? 0 : markerCount(text) * 1000.0 / chars;
    }
}
