package dev.marcoforge.gateway.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Picks items by their length relative to the other items of the same problem, never by a fixed limit. Each strategy
 * names a target rank in the items sorted by length (ties by id): {@code shortest} = first, {@code longest} = last,
 * {@code median} = the lower middle, {@code quantile:q} = round(q &middot; (n - 1)). With room for k, the k items
 * nearest that rank are taken (an equal distance goes to the longer one). {@code all} takes every item, longest first
 * when k limits them.
 */
public record LengthSelection(String name, double quantile, boolean all) {

    public static LengthSelection parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "longest":
                return new LengthSelection("longest", 1.0, false);
            case "shortest":
                return new LengthSelection("shortest", 0.0, false);
            case "median":
                return new LengthSelection("median", 0.5, false);
            case "all":
                return new LengthSelection("all", 1.0, true);
            default:
                if (value.startsWith("quantile:")) {
                    double q;
                    try {
                        q = Double.parseDouble(value.substring("quantile:".length()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("quantile:q needs a number q, got '" + text + "'");
                    }
                    if (!(q >= 0 && q <= 1)) {
                        throw new IllegalArgumentException("quantile:q needs 0 <= q <= 1, got '" + text + "'");
                    }
                    return new LengthSelection("quantile:" + q, q, false);
                }
                throw new IllegalArgumentException(
                        "use longest, shortest, median, quantile:q or all, got '" + text + "'");
        }
    }

    /**
     * @param limit how many to take, 0 = no limit
     * @return the chosen items, nearest to the target rank first
     */
    public <T> List<T> select(List<T> items, ToIntFunction<T> length, java.util.function.Function<T, String> id,
            int limit) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingInt(length).thenComparing(id));
        int n = sorted.size();
        if (n == 0) {
            return List.of();
        }
        int want = limit == 0 ? n : Math.min(limit, n);
        if (all && limit == 0) {
            return List.copyOf(sorted);
        }
        int target = median() ? (n - 1) / 2 : (int) Math.round(quantile * (n - 1));
        List<Integer> ranks = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            ranks.add(r);
        }
        ranks.sort(Comparator.<Integer>comparingInt(r -> Math.abs(r - target)).thenComparing(Comparator.reverseOrder()));
        return ranks.subList(0, want).stream().map(sorted::get).toList();
    }

    private boolean median() {
        return "median".equals(name);
    }
}
