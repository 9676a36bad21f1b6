package dev.marcoforge.gateway.dataset;

import static dev.marcoforge.gateway.dataset.TreeFixture.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.SftRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection, pairing, filters and stats on a hand-built tree whose answers are known. */
class DatasetBuilderTests {

    private static final String JOB = "job-1";

    private static DatasetBuilder.Built build(DatasetOptions given, List<Chain> chains) {
        DatasetOptions options = DatasetOptions.resolve(given, "whitespace");
        return new DatasetBuilder("ds-test", List.of(JOB), options, TokenCounter.WHITESPACE, id -> false)
                .build(chains);
    }

    private static DatasetOptions sft(String selection, Integer max) {
        return new DatasetOptions(new DatasetOptions.Sft(selection, max), null, null, null);
    }

    private static DatasetOptions dpo(Integer pairs, String pairing, Long seed, String chosen) {
        return new DatasetOptions(null, new DatasetOptions.Dpo(pairs, pairing, seed, chosen), null, null);
    }

    private static List<String> sftChains(DatasetBuilder.Built built) {
        return built.sft().stream().map(SftRecord::chainId).toList();
    }

    @Test
    void theDefaultSftSampleIsTheLongestCorrectChainOfEachProblem() {
        var built = build(null, TreeFixture.tree(JOB));

        assertThat(sftChains(built)).containsExactly(TreeFixture.c2(JOB).chainId());
        SftRecord record = built.sft().get(0);
        assertThat(record.messages().get(0).content()).isEqualTo(TreeFixture.BASE_PROMPT + TreeFixture.QUESTION);
        assertThat(record.messages().get(1).content()).isEqualTo(TEXT.get("a") + TEXT.get("d") + TEXT.get("c2"));
        assertThat(record.recordId()).isEqualTo(RecordIds.sft("ds-test", TreeFixture.c2(JOB).chainId()));
    }

    @Test
    void selectionIsRelativeToTheProblemsOwnChains() {
        List<Chain> tree = TreeFixture.tree(JOB);
        assertThat(sftChains(build(sft("shortest", null), tree))).containsExactly(TreeFixture.c1(JOB).chainId());
        assertThat(sftChains(build(sft("median", null), tree))).containsExactly(TreeFixture.c3(JOB).chainId());
        assertThat(sftChains(build(sft("quantile:0.9", null), tree))).containsExactly(TreeFixture.c2(JOB).chainId());
        assertThat(sftChains(build(sft("quantile:0.4", null), tree))).containsExactly(TreeFixture.c3(JOB).chainId());
        assertThat(sftChains(build(sft("all", null), tree))).containsExactlyInAnyOrder(
                TreeFixture.c1(JOB).chainId(), TreeFixture.c2(JOB).chainId(), TreeFixture.c3(JOB).chainId());
        assertThat(sftChains(build(sft("longest", 2), tree))).containsExactlyInAnyOrder(
                TreeFixture.c2(JOB).chainId(), TreeFixture.c3(JOB).chainId());
        assertThat(sftChains(build(sft("all", 1), tree))).containsExactly(TreeFixture.c2(JOB).chainId());
    }

    @Test
    void thePaperPairsTheShortestCorrectChainWithTheWrongChainSharingTheShortestPrefix() {
        var built = build(null, TreeFixture.tree(JOB));

        assertThat(built.dpo()).hasSize(1);
        DpoRecord pair = built.dpo().get(0).record();
        assertThat(pair.chosenChainId()).isEqualTo(TreeFixture.c1(JOB).chainId());
        assertThat(pair.rejectedChainId()).isEqualTo(TreeFixture.w2(JOB).chainId());
        assertThat(pair.sharedPrefix()).isEqualTo("<thinking>Plan: spell the word.</thinking>\n");
        assertThat(pair.sharedPrefixChars()).isEqualTo(TEXT.get("a").length());
        // "<", "thinking", ">", "Plan", ":", "spell", "the", "word", ".</", "thinking", ">"
        assertThat(pair.sharedPrefixTokens()).isEqualTo(11);
        assertThat(pair.chosen()).startsWith(pair.sharedPrefix()).isEqualTo(TreeFixture.c1(JOB).text());
        assertThat(pair.rejected()).startsWith(pair.sharedPrefix()).isEqualTo(TreeFixture.w2(JOB).text());
        assertThat(pair.prompt()).hasSize(1);
        assertThat(pair.prompt().get(0).role()).isEqualTo("user");
        assertThat(pair.recordId()).isEqualTo(RecordIds.dpo("ds-test", pair.chosenChainId(), pair.rejectedChainId()));
    }

    @Test
    void longestPrefixPairingTakesTheWrongChainThatDivergesLast() {
        DpoRecord pair = build(dpo(1, "longest-prefix", null, null), TreeFixture.tree(JOB)).dpo().get(0).record();

        assertThat(pair.rejectedChainId()).isEqualTo(TreeFixture.w1(JOB).chainId());
        assertThat(pair.sharedPrefix()).isEqualTo(TEXT.get("a") + TEXT.get("b"));
        assertThat(pair.chosen().substring(pair.sharedPrefix().length())).isEqualTo(TEXT.get("c1"));
        assertThat(pair.rejected().substring(pair.sharedPrefix().length())).isEqualTo(TEXT.get("w1"));
    }

    @Test
    void balancedLengthPairingTakesTheWrongChainClosestInLength() {
        // C1 and W1 are equally long; W2 is shorter but diverges from C1 earlier (the default's pick).
        DpoRecord balanced = build(dpo(1, "balanced-length", null, null), TreeFixture.tree(JOB)).dpo().get(0)
                .record();
        DpoRecord shortestPrefix = build(dpo(1, null, null, null), TreeFixture.tree(JOB)).dpo().get(0).record();
        assertThat(balanced.chosenChainId()).isEqualTo(TreeFixture.c1(JOB).chainId());
        assertThat(balanced.rejectedChainId()).isEqualTo(TreeFixture.w1(JOB).chainId());
        assertThat(shortestPrefix.rejectedChainId()).isEqualTo(TreeFixture.w2(JOB).chainId());
    }

    @Test
    void morePairsGoRoundTheCorrectChainsInTheirLengthOrder() {
        var pairs = build(dpo(4, null, null, null), TreeFixture.tree(JOB)).dpo().stream()
                .map(p -> p.record().chosenChainId() + ">" + p.record().rejectedChainId()).toList();
        String c1 = TreeFixture.c1(JOB).chainId();
        String c2 = TreeFixture.c2(JOB).chainId();
        String c3 = TreeFixture.c3(JOB).chainId();
        String w1 = TreeFixture.w1(JOB).chainId();
        String w2 = TreeFixture.w2(JOB).chainId();
        // C3 shares "a" with W2 and "a b" with W1; C2 shares "a" with both, W1's id breaking the tie is compared.
        String c2First = w1.compareTo(w2) < 0 ? w1 : w2;
        assertThat(pairs).containsExactly(c1 + ">" + w2, c3 + ">" + w2, c2 + ">" + c2First, c1 + ">" + w1);

        var longestChosen = build(dpo(1, null, null, "longest"), TreeFixture.tree(JOB)).dpo().get(0).record();
        assertThat(longestChosen.chosenChainId()).isEqualTo(c2);
    }

    @Test
    void randomPairingDependsOnTheSeedOnlyNotOnTheOrderChainsArrivedIn() {
        List<Chain> tree = new ArrayList<>(TreeFixture.tree(JOB));
        var first = build(dpo(5, "random", 7L, "random"), tree).dpo().stream().map(p -> p.record().recordId())
                .toList();
        Collections.shuffle(tree, new Random(3));
        var again = build(dpo(5, "random", 7L, "random"), tree).dpo().stream().map(p -> p.record().recordId())
                .toList();
        assertThat(again).isEqualTo(first).hasSize(5);
    }

    @Test
    void chainsOfDifferentTreesShareNoPrefix() {
        Chain otherTree = TreeFixture.chain(JOB, "p1", "t2", false, "a", "b", "w1");
        DpoRecord pair = build(dpo(1, "longest-prefix", null, null), List.of(TreeFixture.c1(JOB), otherTree))
                .dpo().get(0).record();
        assertThat(pair.sharedPrefix()).isEmpty();
        assertThat(pair.sharedPrefixChars()).isZero();
        assertThat(pair.sharedPrefixTokens()).isZero();
    }

    @Test
    void filtersDropCorrectChainsAndCountEachUnderTheFirstFilterItFails() {
        Map<String, String> texts = new java.util.HashMap<>(TEXT);
        texts.put("x", "<thinking>no answer here</thinking>");
        texts.put("y", "<thinking>Wait, hmm. Wait! Alternatively, wait.</thinking><answer>3</answer>");
        texts.put("z", "<answer>3</answer> " + "the r the r the r the r the r the r the r the r the r the r");
        List<Chain> chains = new ArrayList<>(TreeFixture.tree(JOB));
        chains.add(TreeFixture.chain(JOB, "p1", "t1", true, texts, "a", "x"));
        chains.add(TreeFixture.chain(JOB, "p1", "t1", true, texts, "a", "y"));
        chains.add(TreeFixture.chain(JOB, "p1", "t1", true, texts, "a", "z"));

        var built = build(null, chains);
        assertThat(built.stats().drops()).containsExactly(Map.entry("annotatorRejected", 0),
                Map.entry("missingAnswerTag", 1), Map.entry("repetition", 1), Map.entry("overReflection", 1));
        assertThat(built.stats().counts().droppedChains()).isEqualTo(3);
        assertThat(sftChains(built)).containsExactly(TreeFixture.c2(JOB).chainId());

        var off = new DatasetOptions(null, null, new DatasetOptions.Filters(
                new DatasetOptions.Repetition(false, null, null), new DatasetOptions.OverReflection(false, null, null),
                new DatasetOptions.AnswerTag(false, null), null), null);
        assertThat(build(off, chains).stats().counts().droppedChains()).isZero();

        var rejectedByAnnotator = new DatasetBuilder("ds-test", List.of(JOB), DatasetOptions.defaults("whitespace"),
                TokenCounter.WHITESPACE, id -> id.equals(TreeFixture.c2(JOB).chainId())).build(TreeFixture.tree(JOB));
        assertThat(rejectedByAnnotator.stats().drops()).containsEntry("annotatorRejected", 1);
        assertThat(sftChains(rejectedByAnnotator)).containsExactly(TreeFixture.c3(JOB).chainId());
    }

    @Test
    void statsCountTheRecordsAndMeasureLengthsAndPrefixes() {
        List<Chain> chains = new ArrayList<>(TreeFixture.tree(JOB));
        chains.add(TreeFixture.chain(JOB, "p2", "t9", false, "a", "w1"));
        var stats = build(dpo(2, null, null, null), chains).stats();

        assertThat(stats.counts()).isEqualTo(new DatasetStats.Counts(2, 6, 3, 3, 1, 2, 1, 1, 0));
        int c2 = TreeFixture.c2(JOB).text().length();
        assertThat(stats.lengthChars().sft()).isEqualTo(new DatasetStats.Percentiles(c2, c2, c2));
        int c1 = TreeFixture.c1(JOB).text().length();
        int c3 = TreeFixture.c3(JOB).text().length();
        assertThat(stats.lengthChars().chosen()).isEqualTo(new DatasetStats.Percentiles(c1, c1, c3));
        int a = TEXT.get("a").length();
        assertThat(stats.sharedPrefix().chars()).isEqualTo(new DatasetStats.Percentiles(a, a, a));
        assertThat(stats.sharedPrefix().tokenizer()).isEqualTo("whitespace");
        assertThat(stats.restartMarkersPerSample().sft()).isEqualTo(0.0);
        assertThat(stats.options().sft().selection()).isEqualTo("longest");
    }

    @Test
    void invalidOptionsAreAllNamedAtOnce() {
        var bad = new DatasetOptions(new DatasetOptions.Sft("quantile:2", -1),
                new DatasetOptions.Dpo(-1, "closest", null, "middle"),
                new DatasetOptions.Filters(new DatasetOptions.Repetition(true, 0, 3.0), null, null, null), "gpt");
        assertThatThrownBy(() -> DatasetOptions.resolve(bad, "whitespace"))
                .isInstanceOfSatisfying(DatasetOptions.InvalidOptionsException.class, e -> assertThat(e.problems())
                        .hasSize(8)
                        .anySatisfy(p -> assertThat(p).startsWith("sft.selection"))
                        .anySatisfy(p -> assertThat(p).startsWith("dpo.pairing"))
                        .anySatisfy(p -> assertThat(p).startsWith("tokenizer")));
    }

    @Test
    void qualityMeasuresCountWhatTheyName() {
        assertThat(QualityFilters.repeatedNgramRatio("a b c d e f", 2)).isZero();
        assertThat(QualityFilters.repeatedNgramRatio("a b a b a b", 2)).isEqualTo(3.0 / 5);
        var filters = new QualityFilters(DatasetOptions.defaults("whitespace").filters(), id -> false);
        assertThat(filters.markerCount("Wait. Hmm, awaiting; alternatively WAIT")).isEqualTo(4);
        assertThat(filters.markersPer1000Chars("wait" + " ".repeat(996))).isEqualTo(1.0);
    }
}
