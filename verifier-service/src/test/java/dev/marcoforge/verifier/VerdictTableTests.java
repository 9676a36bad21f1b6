package dev.marcoforge.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.verifier.evaluation.Evaluator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdict table (src/test/resources/verdict-table.jsonl): answer, ground truth and the expected verdict for
 * every evaluator, with equivalent forms that must match and near misses that must not.
 */
class VerdictTableTests {

    private static final Map<String, Evaluator> EVALUATORS = Evaluators.byName();

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                VerdictTableTests.class.getResourceAsStream("/verdict-table.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                JsonNode row = MessageCodec.mapper().readTree(line);
                rows.add(Arguments.of(n, row.get("evaluator").asText(), row.get("note").asText(),
                        row.get("answer").asText(), row.get("truth"), row.get("correct").asBoolean()));
            }
        }
        return rows.stream();
    }

    @Test
    void theTableHasAtLeast200RowsAndCoversEveryEvaluator() throws IOException {
        var rows = rows().toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(200);
        assertThat(rows.stream().map(a -> a.get()[1]).distinct().toList()).contains("math", "count_letters",
                "count_latter", "exact", "regex", "multiple_choice", "instruct_follow", "planning");
        assertThat(rows.stream().filter(a -> !(Boolean) a.get()[5]).count()).as("near misses").isGreaterThan(60);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("rows")
    void verdictMatchesTheTable(int row, String evaluator, String note, String answer, JsonNode truth,
            boolean expected) {
        Verdict verdict = EVALUATORS.get(evaluator).evaluate(answer, truth);
        assertThat(verdict.correct()).as("row %d (%s) answer %s truth %s: %s", row, note, answer, truth,
                verdict.reason()).isEqualTo(expected);
        assertThat(verdict.reason()).isNotBlank();
    }
}
