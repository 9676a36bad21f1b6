package dev.marcoforge.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.verifier.evaluation.InstructionFollowingEvaluator;
import dev.marcoforge.verifier.evaluation.ifeval.InstructionChecks;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IFEval's counting checks on both sides of each boundary, argument validation, and the per-instruction reason. */
class InstructionBoundaryTests {

    private final InstructionFollowingEvaluator evaluator = new InstructionFollowingEvaluator();

    private static JsonNode args(Map<String, Object> kwargs) {
        return MessageCodec.mapper().valueToTree(kwargs);
    }

    private static boolean followed(String id, String text, Map<String, Object> kwargs) {
        return InstructionChecks.check(id, text, args(kwargs)).followed();
    }

    private static String repeat(String unit, int n, String separator) {
        return String.join(separator, java.util.Collections.nCopies(n, unit));
    }

    @ParameterizedTest(name = "{0} words, at least {1}: {2}; less than {1}: {3}")
    @CsvSource({ "99,100,false,true", "100,100,true,false", "101,100,true,false", "0,1,false,true", "1,1,true,false" })
    void numberOfWords(int words, int bound, boolean atLeast, boolean lessThan) {
        String text = repeat("word", words, " ");
        assertThat(followed("length_constraints:number_words", text,
                Map.of("num_words", bound, "relation", "at least"))).isEqualTo(atLeast);
        assertThat(followed("length_constraints:number_words", text,
                Map.of("num_words", bound, "relation", "less than"))).isEqualTo(lessThan);
    }

    @ParameterizedTest(name = "{0} sentences against {1}")
    @CsvSource({ "4,5,false,true", "5,5,true,false", "6,5,true,false" })
    void numberOfSentences(int sentences, int bound, boolean atLeast, boolean lessThan) {
        String text = repeat("Dr. Smith paid 3.5 dollars at example.com today!", sentences, " ");
        assertThat(followed("length_constraints:number_sentences", text,
                Map.of("num_sentences", bound, "relation", "at least"))).isEqualTo(atLeast);
        assertThat(followed("length_constraints:number_sentences", text,
                Map.of("num_sentences", bound, "relation", "less than"))).isEqualTo(lessThan);
    }

    @ParameterizedTest(name = "{0} paragraphs, exactly 4: {1}")
    @CsvSource({ "3,false", "4,true", "5,false" })
    void numberOfParagraphsIsExact(int paragraphs, boolean expected) {
        String text = repeat("Some text.", paragraphs, "\n***\n");
        assertThat(followed("length_constraints:number_paragraphs", text, Map.of("num_paragraphs", 4)))
                .isEqualTo(expected);
        // Empty paragraphs at the ends do not count; in the middle they break the instruction.
        assertThat(followed("length_constraints:number_paragraphs", "***\n" + text + "\n***",
                Map.of("num_paragraphs", 4))).isEqualTo(expected);
        assertThat(followed("length_constraints:number_paragraphs", "A\n***\n***\nB", Map.of("num_paragraphs", 3)))
                .isFalse();
    }

    @ParameterizedTest(name = "{0} bullets, exactly 3: {1}")
    @CsvSource({ "2,false", "3,true", "4,false" })
    void bulletsAreExact(int bullets, boolean expected) {
        assertThat(followed("detectable_format:number_bullet_lists", repeat("* point", bullets, "\n"),
                Map.of("num_bullets", 3))).isEqualTo(expected);
        assertThat(followed("detectable_format:number_bullet_lists", repeat("- point", bullets, "\n"),
                Map.of("num_bullets", 3))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} letters l, at least / less than 7")
    @CsvSource({ "6,false,true", "7,true,false", "8,true,false" })
    void letterFrequencyCountsBothCases(int letters, boolean atLeast, boolean lessThan) {
        String text = "L".repeat(letters / 2) + "l".repeat(letters - letters / 2);
        assertThat(followed("keywords:letter_frequency", text,
                Map.of("letter", "l", "let_frequency", 7, "let_relation", "at least"))).isEqualTo(atLeast);
        assertThat(followed("keywords:letter_frequency", text,
                Map.of("letter", "l", "let_frequency", 7, "let_relation", "less than"))).isEqualTo(lessThan);
    }

    @ParameterizedTest(name = "{0} capital words, less than 3: {1}")
    @CsvSource({ "2,true", "3,false", "4,false" })
    void capitalWords(int capitals, boolean lessThan) {
        String text = repeat("NASA", capitals, " ") + " and some lower words";
        assertThat(followed("change_case:capital_word_frequency", text,
                Map.of("capital_frequency", 3, "capital_relation", "less than"))).isEqualTo(lessThan);
    }

    @ParameterizedTest(name = "keyword {0} times, at least 2: {1}")
    @CsvSource({ "1,false", "2,true", "3,true" })
    void keywordFrequencyIsCaseInsensitive(int times, boolean atLeast) {
        assertThat(followed("keywords:frequency", repeat("Banana split", times, ", "),
                Map.of("keyword", "banana", "frequency", 2, "relation", "at least"))).isEqualTo(atLeast);
    }

    @Test
    void theReasonListsEveryInstructionWithItsMeasure() {
        JsonNode truth = args(Map.of("instruction_id_list", java.util.List.of("punctuation:no_comma",
                "length_constraints:number_words"), "kwargs", java.util.List.of(Map.of(),
                        Map.of("num_words", 5, "relation", "at least"))));
        var verdict = evaluator.evaluate("one, two three", truth);
        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.reason()).startsWith("strict 0/2 instructions followed")
                .contains("FAIL punctuation:no_comma: comma at character 3")
                .contains("FAIL length_constraints:number_words: 3 words, needs at least 5");
    }

    @Test
    void allTwentyFiveInstructionsAreRegistered() {
        assertThat(InstructionChecks.ids()).hasSize(25);
    }

    @Test
    void malformedGroundTruthIsAnErrorNamingTheProblem() {
        assertThatThrownBy(() -> evaluator.evaluate("x", args(Map.of("instruction_id_list",
                java.util.List.of("length_constraints:number_words"), "kwargs", java.util.List.of(Map.of())))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_words");
        assertThatThrownBy(() -> evaluator.evaluate("x", args(Map.of("instruction_id_list",
                java.util.List.of("no:such_check"), "kwargs", java.util.List.of(Map.of())))))
                .hasMessageContaining("unknown instruction 'no:such_check'");
        assertThatThrownBy(() -> evaluator.evaluate("x", args(Map.of("instruction_id_list",
                java.util.List.of("punctuation:no_comma"), "kwargs", java.util.List.of(Map.of(), Map.of())))))
                .hasMessageContaining("one entry per instruction");
        assertThatThrownBy(() -> evaluator.evaluate("x", args(Map.of("instruction_id_list",
                java.util.List.of("keywords:frequency"), "kwargs", java.util.List.of(Map.of("keyword", "a",
                        "frequency", 2, "relation", "more than"))))))
                .hasMessageContaining("'less than' or 'at least'");
    }
}
