package dev.marcoforge.gateway.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a data set holds, written as its {@code stats.json}. Lengths are in Unicode code points of the assistant text;
 * percentiles use the nearest-rank method and are null when there is nothing to measure.
 */
public record DatasetStats(String datasetId, List<String> jobs, DatasetOptions options, Counts counts,
        Lengths lengthChars, Markers restartMarkersPerSample, Prefixes sharedPrefix, Map<String, Integer> drops) {

    /** @param drops correct chains each filter removed (each chain under the first filter it failed) */
    public record Counts(int problems, int chains, int correctChains, int incorrectChains, int sftRecords,
            int dpoRecords, int problemsWithSft, int problemsWithPairs, int droppedChains) {
    }

    public record Percentiles(Integer p10, Integer p50, Integer p90) {

        public static Percentiles of(Collection<Integer> values) {
            List<Integer> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return new Percentiles(rank(sorted, 10), rank(sorted, 50), rank(sorted, 90));
        }

        private static Integer rank(List<Integer> sorted, int p) {
            if (sorted.isEmpty()) {
                return null;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index));
        }
    }

    public record Lengths(Percentiles sft, Percentiles chosen, Percentiles rejected) {
    }

    /** Mean count of restart markers ("wait", ...) per sample; null when there are no samples. */
    public record Markers(Double sft, Double chosen, Double rejected) {

        static Double mean(Collection<Integer> counts) {
            if (counts.isEmpty()) {
                return null;
            }
            double mean = counts.stream().mapToInt(Integer::intValue).average().orElse(0);
            // Rounded so the stats file reads well and stays byte-identical across builds.
            return Math.round(mean * 10_000) / 10_000.0;
        }
    }

    public record Prefixes(String tokenizer, Percentiles chars, Percentiles tokens) {
    }
}
