package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marcoforge.generator.persistence.SearchNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UctTests {

    @Test
    void theValueIsMeanRewardPlusTheExplorationTerm() {
        // 3/4 + 1.414 * sqrt(2 * ln 10 / 4)
        assertThat(Uct.value(3, 4, 10, 1.414)).isCloseTo(0.75 + 1.414 * Math.sqrt(2 * Math.log(10) / 4), within(1e-12));
        assertThat(Uct.value(3, 4, 10, 1.414)).isCloseTo(2.2671, within(1e-4));
        assertThat(Uct.value(0, 1, 1, 1.414)).isZero();
    }

    @Test
    void theFirstUnvisitedChildIsTakenBeforeAnyValue() {
        SearchNode strong = node("a", 10, 10);
        SearchNode unvisited1 = node("b", 0, 0);
        SearchNode unvisited2 = node("c", 0, 0);
        List<Integer> draws = new ArrayList<>();

        SearchNode picked = Uct.select(List.of(strong, unvisited1, unvisited2), 20, 1.414, b -> {
            draws.add(b);
            return 0;
        });

        assertThat(picked).isSameAs(unvisited1);
        assertThat(draws).isEmpty();
    }

    @Test
    void theHighestValueWinsWithoutADraw() {
        SearchNode weak = node("a", 0, 3);
        SearchNode strong = node("b", 2, 3);
        List<Integer> draws = new ArrayList<>();

        assertThat(Uct.select(List.of(weak, strong), 6, 1.414, b -> {
            draws.add(b);
            return 0;
        })).isSameAs(strong);
        assertThat(draws).isEmpty();
    }

    @Test
    void lessVisitedChildrenGainFromExploration() {
        // 1/1 + c·sqrt(2 ln 11 / 1) beats 6/10 + c·sqrt(2 ln 11 / 10)
        SearchNode explored = node("a", 6, 10);
        SearchNode fresh = node("b", 1, 1);
        assertThat(Uct.select(List.of(explored, fresh), 11, 1.414, b -> 0)).isSameAs(fresh);
        // with no exploration the mean decides
        assertThat(Uct.select(List.of(explored, node("c", 0, 1)), 11, 0, b -> 0)).isSameAs(explored);
    }

    @Test
    void tiesAreBrokenByTheRandomDrawAmongTheTiedOnly() {
        SearchNode a = node("a", 1, 2);
        SearchNode low = node("low", 0, 2);
        SearchNode b = node("b", 1, 2);
        List<Integer> bounds = new ArrayList<>();

        SearchNode first = Uct.select(List.of(a, low, b), 4, 1.414, bound -> {
            bounds.add(bound);
            return 0;
        });
        SearchNode second = Uct.select(List.of(a, low, b), 4, 1.414, bound -> 1);

        assertThat(bounds).containsExactly(2);
        assertThat(first).isSameAs(a);
        assertThat(second).isSameAs(b);
    }

    @Test
    void seededDrawsRepeatAndDifferAcrossCounters() {
        long seed = SearchRandom.runSeed(42L, "p1", "tree-a");
        assertThat(SearchRandom.runSeed(42L, "p1", "tree-b")).as("a config seed ignores the tree").isEqualTo(seed);
        List<Integer> once = new ArrayList<>();
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            once.add(SearchRandom.draw(seed, "uct", i, 4));
            again.add(SearchRandom.draw(seed, "uct", i, 4));
        }
        assertThat(once).isEqualTo(again).contains(0, 1, 2, 3);
    }

    private static SearchNode node(String id, double reward, int visits) {
        SearchNode node = new SearchNode();
        node.id = id;
        node.totalReward = reward;
        node.visits = visits;
        return node;
    }
}
