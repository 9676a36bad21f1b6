package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Pairs one problem's correct chains (chosen) with its incorrect chains (rejected). The correct chains are ordered by
 * the chosen-length preference; each in turn takes its best rejected chain by the pairing strategy, then, when more
 * pairs are wanted, each takes its second best, and so on. So with one pair per problem and the paper's choices, the
 * pair is the shortest correct chain and the wrong chain sharing the shortest prefix with it.
 */
public final class DpoPairing {

    private final DatasetOptions.Dpo options;
    private final TokenCounter tokens;

    public DpoPairing(DatasetOptions.Dpo options, TokenCounter tokens) {
        this.options = options;
        this.tokens = tokens;
    }

    /** A chosen/rejected pair and what the two chains share. */
    public record Pair(Chain chosen, Chain rejected, SharedPrefix prefix) {
    }

    /**
     * @param problemKey the job and problem, which seeds the random choices so one problem's pairs do not depend on
     *     which other problems are in the data set
     */
    public List<Pair> pairs(String problemKey, List<Chain> correct, List<Chain> incorrect) {
        int wanted = options.pairsPerProblem();
        if (wanted == 0 || correct.isEmpty() || incorrect.isEmpty()) {
            return List.of();
        }
        Random random = new Random(options.seed() * 1_000_003L + problemKey.hashCode());
        List<Chain> chosenOrder = new ArrayList<>(correct);
        chosenOrder.sort(Comparator.comparing(Chain::chainId));
        switch (options.chosenLength()) {
            case "longest" -> chosenOrder.sort(
                    Comparator.comparingInt(DpoPairing::length).reversed().thenComparing(Chain::chainId));
            case "random" -> Collections.shuffle(chosenOrder, random);
            default -> chosenOrder.sort(Comparator.comparingInt(DpoPairing::length).thenComparing(Chain::chainId));
        }
        List<List<Pair>> candidates = new ArrayList<>();
        for (Chain chosen : chosenOrder) {
            candidates.add(rank(chosen, incorrect, random));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int round = 0; pairs.size() < wanted; round++) {
            boolean any = false;
            for (List<Pair> ranked : candidates) {
                if (round < ranked.size()) {
                    any = true;
                    pairs.add(ranked.get(round));
                    if (pairs.size() == wanted) {
                        break;
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        return List.copyOf(pairs);
    }

    private List<Pair> rank(Chain chosen, List<Chain> incorrect, Random random) {
        List<Pair> ranked = new ArrayList<>();
        List<Chain> sortedRejected = new ArrayList<>(incorrect);
        sortedRejected.sort(Comparator.comparing(Chain::chainId));
        for (Chain rejected : sortedRejected) {
            ranked.add(new Pair(chosen, rejected, SharedPrefix.of(chosen, rejected, tokens)));
        }
        Comparator<Pair> byId = Comparator.comparing(p -> p.rejected().chainId());
        switch (options.pairing()) {
            case "longest-prefix" -> ranked.sort(Comparator.<Pair>comparingInt(p -> p.prefix().chars()).reversed()
                    .thenComparing(Comparator.<Pair>comparingInt(p -> p.prefix().steps()).reversed()).thenComparing(byId));
            case "random" -> Collections.shuffle(ranked, random);
            // Length balance: a rejected chain about as long as the chosen one, so length alone cannot tell them apart.
            case "balanced-length" -> ranked.sort(Comparator.<Pair>comparingInt(
                    p -> Math.abs(length(p.chosen()) - length(p.rejected())))
                    .thenComparingInt(p -> p.prefix().chars()).thenComparing(byId));
            default -> ranked.sort(Comparator.<Pair>comparingInt(p -> p.prefix().chars())
                    .thenComparingInt(p -> p.prefix().steps()).thenComparing(byId));
        }
        return ranked;
    }

    static int length(Chain chain) {
        String text = chain.text();
        return text.codePointCount(0, text.length());
    }
}
