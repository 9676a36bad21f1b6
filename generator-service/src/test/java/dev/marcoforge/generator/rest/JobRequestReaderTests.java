package dev.marcoforge.generator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.marcoforge.generator.TestJson;
import org.junit.jupiter.api.Test;

class JobRequestReaderTests {

    @Test
    void aBuiltInConfigWithProblemsAndOverridesIsAccepted() {
        var outcome = JobRequestReader.read(TestJson.json("""
                {"name": "letters", "config": "letter-counting", "policyUrl": "http://127.0.0.1:9/v1",
                 "problems": [{"id": "real_1", "problem": "How many r in straightwise?", "solution": 1},
                              {"id": 7, "problem": "How many a in banana?", "solution": "3"}]}
                """));

        assertThat(outcome.errors()).isEmpty();
        var submission = outcome.submission();
        assertThat(submission.name()).isEqualTo("letters");
        assertThat(submission.config().url1()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(submission.config().url2()).isNull();
        assertThat(submission.configJson().get("url1").textValue()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(submission.problems()).hasSize(2);
        assertThat(submission.problems().get(0).groundTruth()).isEqualTo(IntNode.valueOf(1));
        assertThat(submission.problems().get(0).evaluator()).isEqualTo("count_latter");
        assertThat(submission.problems().get(1).id()).isEqualTo("7");
    }

    @Test
    void everyFaultOfTheRequestIsNamed() {
        var outcome = JobRequestReader.read(TestJson.json("""
                {"config": "letter-countin", "criticUrl": "nope", "extra": 1,
                 "problems": [{"id": "a", "problem": "q1", "solution": 1},
                              {"id": "a", "problem": "  ", "solution": 2},
                              {"problem": "q3"}]}
                """));

        assertThat(outcome.submission()).isNull();
        assertThat(outcome.errors()).containsExactlyInAnyOrder(
                "unknown field 'extra'; known: name, config, problems, policyUrl, criticUrl",
                "'criticUrl' must be an http(s) URL, got \"nope\"",
                "config: unknown built-in config 'letter-countin'; built-in: [letter-counting]",
                "duplicate problem id 'a' (problems[0] and problems[1])",
                "problems[1].problem must not be blank",
                "problems[2].id is required",
                "problems[2].solution is required (the ground truth: a number, string or object; only a config with"
                        + " marco_forge.reward \"confidence\" searches without one)");
    }

    @Test
    void configFaultsAndMissingProblemsAreNamedTogether() {
        var outcome = JobRequestReader.read(TestJson.json("""
                {"config": {"base_prompt": "Q: ", "action_tree": {"base": {"next_step": {"answer": 1}}}},
                 "problems": []}
                """));

        assertThat(outcome.errors()).containsExactlyInAnyOrder(
                "config: 'evaluate_func' is required",
                "config: action_tree has no 'answer' action (the end of every chain)",
                "config: action_tree.base.next_step names unknown action 'answer'",
                "'problems' is empty: a job needs at least one problem");
    }
}
