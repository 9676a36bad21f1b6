package dev.marcoforge.gateway.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetRequestsTests {

    @Test
    void readsEveryOptionInCamelCaseOrSnakeCase() {
        var request = DatasetRequests.parse("""
                {"jobs": ["j1"], "publish": false,
                 "options": {"sft": {"selection": "quantile:0.25", "max_per_problem": 2},
                             "dpo": {"pairs_per_problem": 3, "pairing": "random", "seed": 9, "chosen_length": "longest"},
                             "filters": {"over_reflection": {"max_per_1000_chars": 2.5, "markers": ["Wait"]},
                                         "repetition": {"enabled": false}, "answer_tag": {"tag": "final"}},
                             "tokenizer": "chars"}}
                """);
        var options = DatasetOptions.resolve(request.options(), "whitespace");
        assertThat(request.jobs()).containsExactly("j1");
        assertThat(request.publish()).isFalse();
        assertThat(options.sft()).isEqualTo(new DatasetOptions.Sft("quantile:0.25", 2));
        assertThat(options.dpo()).isEqualTo(new DatasetOptions.Dpo(3, "random", 9L, "longest"));
        assertThat(options.filters().overReflection().maxPer1000Chars()).isEqualTo(2.5);
        assertThat(options.filters().overReflection().markers()).containsExactly("wait");
        assertThat(options.filters().repetition().enabled()).isFalse();
        assertThat(options.filters().answerTag().tag()).isEqualTo("final");
        assertThat(options.tokenizer()).isEqualTo("chars");
    }

    @Test
    void aMisspelledOptionIsNamedNotIgnored() {
        assertThatThrownBy(() -> DatasetRequests.parse("{\"jobs\": [\"j\"], \"options\": {\"dpo\": {\"pairng\": 1}}}"))
                .isInstanceOf(DatasetOptions.InvalidOptionsException.class)
                .hasMessageContaining("'pairng'").hasMessageContaining("options.dpo");
        assertThatThrownBy(() -> DatasetRequests.parse("{\"jobs\": "))
                .isInstanceOf(DatasetOptions.InvalidOptionsException.class).hasMessageContaining("not a valid");
    }
}
