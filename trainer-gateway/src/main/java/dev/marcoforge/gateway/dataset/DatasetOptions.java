package dev.marcoforge.gateway.dataset;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a data set is made from stored chains. Every field may be left out; {@link #resolve} fills in the defaults (the
 * paper's choices) and names every problem at once. Resolved options are part of the data set id, so the same options
 * give the same id and the same files.
 */
public record DatasetOptions(Sft sft, Dpo dpo, Filters filters, String tokenizer) {

    public static final List<String> TOKENIZERS = List.of("whitespace", "chars", "huggingface");

    /**
     * SFT selection among one problem's correct chains, by length relative to that problem's own chains:
     * {@code longest} (the paper's choice), {@code shortest}, {@code median}, {@code quantile:q} (0 &le; q &le; 1),
     * {@code all}. {@code maxPerProblem}: 0 = no limit; left out = 1, or no limit for {@code all}.
     */
    public record Sft(String selection, @JsonAlias("max_per_problem") Integer maxPerProblem) {
    }

    /**
     * DPO pairs of a correct (chosen) and an incorrect (rejected) chain of one problem. {@code pairing}:
     * {@code shortest-prefix} (the paper: the wrong chain sharing the shortest prefix), {@code longest-prefix},
     * {@code random} (with {@code seed}). {@code chosenLength}: which correct chains are paired first,
     * {@code shortest} (the paper's choice for DPO), {@code longest} or {@code random}.
     */
    public record Dpo(@JsonAlias("pairs_per_problem") Integer pairsPerProblem, String pairing, Long seed,
            @JsonAlias("chosen_length") String chosenLength) {
    }

    /** The quality filters; each applies to the chains that become SFT samples or chosen answers. */
    public record Filters(Repetition repetition, @JsonAlias("over_reflection") OverReflection overReflection,
            @JsonAlias("answer_tag") AnswerTag answerTag,
            @JsonAlias("annotator_rejected") AnnotatorRejected annotatorRejected) {
    }

    /** Drops a chain whose share of repeated word n-grams exceeds {@code maxRatio}. */
    public record Repetition(Boolean enabled, Integer ngram, @JsonAlias("max_ratio") Double maxRatio) {
    }

    /** Drops a chain with more than {@code maxPer1000Chars} restart markers per 1,000 characters. */
    public record OverReflection(Boolean enabled, List<String> markers,
            @JsonAlias("max_per_1000_chars") Double maxPer1000Chars) {
    }

    /** Drops a chain without a {@code <tag>...</tag>} answer. */
    public record AnswerTag(Boolean enabled, String tag) {
    }

    /** Drops a chain an annotator rejected. */
    public record AnnotatorRejected(Boolean enabled) {
    }

    public static DatasetOptions defaults(String defaultTokenizer) {
        return resolve(null, defaultTokenizer);
    }

    /**
     * @param options what the caller gave (null = all defaults)
     * @param defaultTokenizer the tokenizer used when none is named
     * @throws InvalidOptionsException naming every problem
     */
    public static DatasetOptions resolve(DatasetOptions options, String defaultTokenizer) {
        List<String> problems = new ArrayList<>();
        DatasetOptions given = options == null ? new DatasetOptions(null, null, null, null) : options;

        Sft sft = given.sft() == null ? new Sft(null, null) : given.sft();
        String selection = sft.selection() == null ? "longest" : sft.selection().trim().toLowerCase(Locale.ROOT);
        try {
            selection = LengthSelection.parse(selection).name();
        } catch (IllegalArgumentException e) {
            problems.add("sft.selection: " + e.getMessage());
        }
        Integer maxPerProblem = sft.maxPerProblem();
        if (maxPerProblem != null && maxPerProblem < 0) {
            problems.add("sft.maxPerProblem must be 0 (no limit) or more, got " + maxPerProblem);
        }
        int resolvedMax = maxPerProblem != null ? maxPerProblem : "all".equals(selection) ? 0 : 1;

        Dpo dpo = given.dpo() == null ? new Dpo(null, null, null, null) : given.dpo();
        int pairs = dpo.pairsPerProblem() == null ? 1 : dpo.pairsPerProblem();
        if (pairs < 0) {
            problems.add("dpo.pairsPerProblem must be 0 (no DPO pairs) or more, got " + pairs);
        }
        String pairing = lower(dpo.pairing(), "shortest-prefix");
        if (!List.of("shortest-prefix", "longest-prefix", "balanced-length", "random").contains(pairing)) {
            problems.add("dpo.pairing must be shortest-prefix, longest-prefix, balanced-length or random, got '"
                    + pairing + "'");
        }
        String chosenLength = lower(dpo.chosenLength(), "shortest");
        if (!List.of("shortest", "longest", "random").contains(chosenLength)) {
            problems.add("dpo.chosenLength must be shortest, longest or random, got '" + chosenLength + "'");
        }
        long seed = dpo.seed() == null ? 0L : dpo.seed();

        Filters filters = given.filters() == null ? new Filters(null, null, null, null) : given.filters();
        Repetition repetition = filters.repetition() == null ? new Repetition(null, null, null) : filters.repetition();
        int ngram = repetition.ngram() == null ? 4 : repetition.ngram();
        if (ngram < 1 || ngram > 50) {
            problems.add("filters.repetition.ngram must be between 1 and 50, got " + ngram);
        }
        double maxRatio = repetition.maxRatio() == null ? 0.5 : repetition.maxRatio();
        if (!(maxRatio >= 0 && maxRatio <= 1)) {
            problems.add("filters.repetition.maxRatio must be between 0 and 1, got " + maxRatio);
        }
        OverReflection reflection = filters.overReflection() == null ? new OverReflection(null, null, null)
                : filters.overReflection();
        List<String> markers = reflection.markers() == null ? List.of("wait", "alternatively", "hmm")
                : reflection.markers().stream().map(m -> m == null ? "" : m.trim().toLowerCase(Locale.ROOT)).toList();
        if (markers.isEmpty() || markers.stream().anyMatch(String::isEmpty)) {
            problems.add("filters.overReflection.markers must be a non-empty list of non-blank words");
        }
        double maxPer1000 = reflection.maxPer1000Chars() == null ? 10.0 : reflection.maxPer1000Chars();
        if (!(maxPer1000 >= 0) || Double.isInfinite(maxPer1000)) {
            problems.add("filters.overReflection.maxPer1000Chars must be 0 or more, got " + maxPer1000);
        }
        AnswerTag answerTag = filters.answerTag() == null ? new AnswerTag(null, null) : filters.answerTag();
        String tag = answerTag.tag() == null ? "answer" : answerTag.tag().trim();
        if (!tag.matches("[A-Za-z][A-Za-z0-9_-]{0,40}")) {
            problems.add("filters.answerTag.tag must be a tag name such as 'answer', got '" + tag + "'");
        }
        AnnotatorRejected annotator = filters.annotatorRejected() == null ? new AnnotatorRejected(null)
                : filters.annotatorRejected();

        String tokenizer = lower(given.tokenizer(), defaultTokenizer);
        if (!TOKENIZERS.contains(tokenizer)) {
            problems.add("tokenizer must be one of " + TOKENIZERS + ", got '" + tokenizer + "'");
        }
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(problems);
        }
        return new DatasetOptions(new Sft(selection, resolvedMax), new Dpo(pairs, pairing, seed, chosenLength),
                new Filters(new Repetition(on(repetition.enabled()), ngram, maxRatio),
                        new OverReflection(on(reflection.enabled()), List.copyOf(markers), maxPer1000),
                        new AnswerTag(on(answerTag.enabled()), tag), new AnnotatorRejected(on(annotator.enabled()))),
                tokenizer);
    }

    private static boolean on(Boolean enabled) {
        return enabled == null || enabled;
    }

    private static String lower(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim().toLowerCase(Locale.ROOT);
    }

    /** Options that cannot be used, with every problem named. */
    public static final class InvalidOptionsException extends IllegalArgumentException {

        private final List<String> problems;

        public InvalidOptionsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
