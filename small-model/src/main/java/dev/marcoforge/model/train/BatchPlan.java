package dev.marcoforge.model.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Draws batches epoch after epoch in a seeded random order, with examples of similar length batched together:
 * each pool of a few batches' worth of shuffled examples is sorted by length and cut into batches, which are then
 * shuffled. Padding (compute spent on nothing) shrinks while every example is still seen once per epoch.
 */
final class BatchPlan<T> {

    private static final int POOL_BATCHES = 8;

    private final List<T> examples;
    private final ToIntFunction<T> length;
    private final int batchSize;
    private final Random random;
    private final Deque<List<T>> ready = new ArrayDeque<>();

    BatchPlan(List<T> examples, ToIntFunction<T> length, int batchSize, Random random) {
        this.examples = List.copyOf(examples);
        this.length = length;
        this.batchSize = batchSize;
        this.random = random;
    }

    List<T> next() {
        if (ready.isEmpty()) {
            planEpoch();
        }
        return ready.poll();
    }

    private void planEpoch() {
        List<T> order = new ArrayList<>(examples);
        Collections.shuffle(order, random);
        // An epoch that does not divide into batches is topped up from the next shuffle: every batch is full.
        while (order.size() % batchSize != 0) {
            order.add(examples.get(random.nextInt(examples.size())));
        }
        List<List<T>> batches = new ArrayList<>();
        int pool = batchSize * POOL_BATCHES;
        for (int from = 0; from < order.size(); from += pool) {
            List<T> chunk = new ArrayList<>(order.subList(from, Math.min(order.size(), from + pool)));
            chunk.sort(Comparator.comparingInt(length));
            for (int at = 0; at < chunk.size(); at += batchSize) {
                batches.add(chunk.subList(at, Math.min(chunk.size(), at + batchSize)));
            }
        }
        Collections.shuffle(batches, random);
        ready.addAll(batches);
    }
}
