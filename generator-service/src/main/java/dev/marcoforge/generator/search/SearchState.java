package dev.marcoforge.generator.search;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.generator.persistence.ProblemRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a problem's search stands between two steps: the node the current rollout's descent reached, the expansions
 * still to write, how many rollouts ended, how many random draws were made, and a decided stop. It is stored on the
 * problem's row in the same transaction as the tree, so a restart continues exactly here.
 */
public final class SearchState {

    private static final TypeReference<List<Expansion>> EXPANSIONS = new TypeReference<>() {
    };

    public String cursorNodeId;
    public final List<Expansion> pending = new ArrayList<>();
    public int rollouts;
    public long randomDraws;
    public int expansionSeq;
    public String stopOutcome;

    public static SearchState of(ProblemRun run) {
        SearchState state = new SearchState();
        state.cursorNodeId = run.cursorNodeId;
        state.rollouts = run.rollouts;
        state.randomDraws = run.randomDraws;
        state.expansionSeq = run.expansionSeq;
        state.stopOutcome = run.stopOutcome;
        if (run.pendingJson != null && !run.pendingJson.isBlank()) {
            try {
                state.pending.addAll(MessageCodec.mapper().readValue(run.pendingJson, EXPANSIONS));
            } catch (IOException e) {
                throw new UncheckedIOException("stored pending expansions do not parse", e);
            }
        }
        return state;
    }

    public void storeIn(ProblemRun run) {
        run.cursorNodeId = cursorNodeId;
        run.rollouts = rollouts;
        run.randomDraws = randomDraws;
        run.expansionSeq = expansionSeq;
        run.stopOutcome = stopOutcome;
        run.pendingJson = pending.isEmpty() ? null : MessageCodec.encode(pending);
    }
}
