package dev.marcoforge.generator.search;

import java.util.SplittableRandom;

/**
 * The search's random choices (prefills, UCT ties). Each draw is a pure function of the run's seed, a purpose and a
 * counter, so a step replayed after a crash draws the same, and a fixed seed gives the same trees.
 */
public final class SearchRandom {

    private SearchRandom() {
    }

    /** The seed of one problem's search: the config's seed mixed with the problem, else the tree's own. */
    public static long runSeed(Long configSeed, String problemId, String treeId) {
        if (configSeed == null) {
            return mix(treeId.hashCode(), 0x5EEDL);
        }
        return mix(configSeed, problemId.hashCode());
    }

    public static int draw(long runSeed, String purpose, long counter, int bound) {
        return new SplittableRandom(mix(mix(runSeed, purpose.hashCode()), counter)).nextInt(bound);
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
