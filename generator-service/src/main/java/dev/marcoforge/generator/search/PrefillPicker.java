package dev.marcoforge.generator.search;

import java.util.List;
import java.util.Random;

/**
 * Picks an action's prefill. The pick is random but seeded from the config's seed and the node's place in the tree,
 * so a step that is replayed (after a crash, say) starts with the same prefill.
 */
public final class PrefillPicker {

    private PrefillPicker() {
    }

    public static String pick(List<String> prefills, Long seed, String problemId, List<String> pathActions,
            int siblingIndex) {
        if (prefills.isEmpty()) {
            return "";
        }
        long mixed = (seed == null ? 0L : seed) * 1_000_003L
                + 31L * problemId.hashCode() + 17L * pathActions.hashCode() + siblingIndex;
        return prefills.get(new Random(mixed).nextInt(prefills.size()));
    }
}
