package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.generator.config.BuiltInConfigs;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.config.SearchConfigParser;
import dev.marcoforge.generator.TestJson;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutTests {

    private final FixedChainPlan plan = new FixedChainPlan();
    private final SearchConfig letters = SearchConfigParser.parse(BuiltInConfigs.find("letter-counting").orElseThrow());

    @Test
    void theFixedChainIsSubTaskThinkingDoubleCheckAnswer() {
        assertThat(plan.nextAction(letters, List.of("base"))).contains("sub_task");
        assertThat(plan.nextAction(letters, List.of("base", "sub_task"))).contains("thinking");
        assertThat(plan.nextAction(letters, List.of("base", "sub_task", "thinking"))).contains("double_check");
        assertThat(plan.nextAction(letters, List.of("base", "sub_task", "thinking", "double_check")))
                .contains("answer");
        assertThat(plan.nextAction(letters, List.of("base", "sub_task", "thinking", "double_check", "answer")))
                .isEmpty();
        assertThat(plan.nextAction(letters, List.of("base", "hypothesis"))).isEmpty();
    }

    @Test
    void actionsTheConfigLacksAreSkipped() {
        SearchConfig minimal = SearchConfigParser.parse(TestJson.json("""
                {"evaluate_func": "count_latter", "base_prompt": "Q: ",
                 "action_tree": {"base": {"next_step": {"thinking": 1}}, "thinking": {"next_step": {"answer": 1}},
                                 "answer": {}}}
                """));

        assertThat(plan.nextAction(minimal, List.of("base"))).contains("thinking");
        assertThat(plan.nextAction(minimal, List.of("base", "thinking"))).contains("answer");
    }

    @Test
    void thePrefillPickIsSeededAndRepeatable() {
        List<String> prefills = letters.action("double_check").orElseThrow().prefillText();
        List<String> path = List.of("base", "sub_task", "thinking");

        String first = PrefillPicker.pick(prefills, 7L, "real_1", path, 0);
        assertThat(PrefillPicker.pick(prefills, 7L, "real_1", path, 0)).isEqualTo(first);
        assertThat(prefills).contains(first);
        assertThat(PrefillPicker.pick(List.of(), 7L, "real_1", path, 0)).isEmpty();
        // Across problems the pick varies: the seed does not pin every problem to one prefill.
        assertThat(IntStream.range(0, 40).mapToObj(i -> PrefillPicker.pick(prefills, 7L, "p" + i, path, 0))
                .distinct().count()).isGreaterThan(1);
    }
}
