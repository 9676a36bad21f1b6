package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.SftRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Makes a data set from stored chains: per problem, the quality filters drop correct chains, the length selection
 * picks the SFT samples and the pairing makes the DPO pairs. Everything is decided per problem and in a fixed order
 * (job, problem, chain id), so a problem's records are the same whether it is built alone or with others, and the
 * same chains and options always give the same records in the same order.
 */
public final class DatasetBuilder {

    private final String datasetId;
    private final List<String> jobs;
    private final DatasetOptions options;
    private final TokenCounter tokens;
    private final QualityFilters filters;
    private final LengthSelection selection;
    private final DpoPairing pairing;

    public DatasetBuilder(String datasetId, List<String> jobs, DatasetOptions options, TokenCounter tokens,
            Predicate<String> annotatorRejected) {
        this.datasetId = datasetId;
        this.jobs = List.copyOf(jobs);
        this.options = options;
        this.tokens = tokens;
        this.filters = new QualityFilters(options.filters(), annotatorRejected);
        this.selection = LengthSelection.parse(options.sft().selection());
        this.pairing = new DpoPairing(options.dpo(), tokens);
    }

    /** A DPO record with the chains it was made of, which the continuation layout splits at the shared prefix. */
    public record Pair(DpoRecord record, SharedPrefix prefix) {
    }

    public record Built(List<SftRecord> sft, List<Pair> dpo, DatasetStats stats) {
    }

    public Built build(List<Chain> chains) {
        Map<String, Map<String, Chain>> problems = new TreeMap<>();
        for (Chain chain : chains) {
            problems.computeIfAbsent(chain.jobId() + "\u0000" + chain.problemId(), k -> new TreeMap<>())
                    .putIfAbsent(chain.chainId(), chain);
        }
        List<SftRecord> sft = new ArrayList<>();
        List<Pair> dpo = new ArrayList<>();
        Map<String, Integer> drops = new LinkedHashMap<>();
        QualityFilters.NAMES.forEach(n -> drops.put(n, 0));
        int chainCount = 0;
        int correctCount = 0;
        int problemsWithSft = 0;
        int problemsWithPairs = 0;
        List<Integer> sftLengths = new ArrayList<>();
        List<Integer> chosenLengths = new ArrayList<>();
        List<Integer> rejectedLengths = new ArrayList<>();
        List<Integer> sftMarkers = new ArrayList<>();
        List<Integer> chosenMarkers = new ArrayList<>();
        List<Integer> rejectedMarkers = new ArrayList<>();
        List<Integer> prefixChars = new ArrayList<>();
        List<Integer> prefixTokens = new ArrayList<>();

        for (var problem : problems.entrySet()) {
            List<Chain> all = List.copyOf(problem.getValue().values());
            chainCount += all.size();
            List<Chain> correct = new ArrayList<>();
            List<Chain> incorrect = new ArrayList<>();
            for (Chain chain : all) {
                if (!chain.verdict().correct()) {
                    incorrect.add(chain);
                    continue;
                }
                correctCount++;
                String failure = filters.failure(chain);
                if (failure == null) {
                    correct.add(chain);
                } else {
                    drops.merge(failure, 1, Integer::sum);
                }
            }
            List<Chain> samples = selection.select(correct, DpoPairing::length, Chain::chainId,
                    options.sft().maxPerProblem());
            samples = samples.stream().sorted(Comparator.comparing(Chain::chainId)).toList();
            for (Chain chain : samples) {
                sft.add(SftSamples.record(datasetId, chain));
                sftLengths.add(DpoPairing.length(chain));
                sftMarkers.add(filters.markerCount(chain.text()));
            }
            problemsWithSft += samples.isEmpty() ? 0 : 1;
            List<DpoPairing.Pair> pairs = pairing.pairs(problem.getKey(), correct, incorrect);
            for (DpoPairing.Pair pair : pairs) {
                dpo.add(new Pair(record(pair), pair.prefix()));
                chosenLengths.add(DpoPairing.length(pair.chosen()));
                rejectedLengths.add(DpoPairing.length(pair.rejected()));
                chosenMarkers.add(filters.markerCount(pair.chosen().text()));
                rejectedMarkers.add(filters.markerCount(pair.rejected().text()));
                prefixChars.add(pair.prefix().chars());
                prefixTokens.add(pair.prefix().tokens());
            }
            problemsWithPairs += pairs.isEmpty() ? 0 : 1;
        }
        int dropped = drops.values().stream().mapToInt(Integer::intValue).sum();
        var counts = new DatasetStats.Counts(problems.size(), chainCount, correctCount, chainCount - correctCount,
                sft.size(), dpo.size(), problemsWithSft, problemsWithPairs, dropped);
        var stats = new DatasetStats(datasetId, jobs, options, counts,
                new DatasetStats.Lengths(DatasetStats.Percentiles.of(sftLengths),
                        DatasetStats.Percentiles.of(chosenLengths), DatasetStats.Percentiles.of(rejectedLengths)),
                new DatasetStats.Markers(DatasetStats.Markers.mean(sftMarkers),
                        DatasetStats.Markers.mean(chosenMarkers), DatasetStats.Markers.mean(rejectedMarkers)),
                new DatasetStats.Prefixes(tokens.name(), DatasetStats.Percentiles.of(prefixChars),
                        DatasetStats.Percentiles.of(prefixTokens)),
                drops);
        return new Built(List.copyOf(sft), List.copyOf(dpo), stats);
    }

    private DpoRecord record(DpoPairing.Pair pair) {
        Chain chosen = pair.chosen();
        Chain rejected = pair.rejected();
        List<ChatMessage> prompt = List.of(ChatMessage.user(chosen.basePrompt() + chosen.question()));
        return new DpoRecord(DpoRecord.SCHEMA_VERSION, datasetId, chosen.problemId(), chosen.chainId(),
                rejected.chainId(), prompt, chosen.text(), rejected.text(), pair.prefix().text(),
                pair.prefix().chars(), pair.prefix().tokens(),
                RecordIds.dpo(datasetId, chosen.chainId(), rejected.chainId()));
    }
}
