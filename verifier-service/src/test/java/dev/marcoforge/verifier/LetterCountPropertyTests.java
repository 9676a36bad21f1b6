package dev.marcoforge.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.marcoforge.verifier.evaluation.LetterCountEvaluator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the letter counter over generated words (jqwik, run by surefire with the JUnit tests). */
class LetterCountPropertyTests {

    private static final String[] WORDS = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty" };

    private final LetterCountEvaluator evaluator = new LetterCountEvaluator(() -> 2);

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(40);
    }

    @Property(tries = 300)
    void theTrueCountBoxedIsCorrectAndEveryOtherCountIsWrong(@ForAll("words") String word,
            @ForAll @IntRange(min = 0, max = 25) int letterIndex, @ForAll @IntRange(min = 1, max = 5) int offset) {
        char letter = (char) ('a' + letterIndex);
        int count = (int) word.chars().filter(c -> c == letter).count();
        String answer = "<answer>The letter " + letter + " appears in " + word + ": \\boxed{" + count + "}</answer>";

        assertThat(evaluator.evaluate(answer, IntNode.valueOf(count)).correct()).isTrue();
        assertThat(evaluator.evaluate(answer, IntNode.valueOf(count + offset)).correct()).isFalse();
        assertThat(evaluator.evaluate(answer, TextNode.valueOf(String.valueOf(count))).correct()).isTrue();
    }

    @Property(tries = 200)
    void numberWordsAndSpacingReadTheSameAsDigits(@ForAll @IntRange(min = 0, max = 20) int count,
            @ForAll @IntRange(min = 0, max = 3) int spaces) {
        String pad = " ".repeat(spaces);
        assertThat(evaluator.evaluate("boxed{" + pad + WORDS[count] + pad + "}", IntNode.valueOf(count)).correct())
                .isTrue();
        assertThat(evaluator.evaluate("\\boxed{" + pad + count + pad + "}", IntNode.valueOf(count)).correct())
                .isTrue();
    }

    @Property(tries = 200)
    void moreThanTwoAngleBracketsAreAlwaysRejected(@ForAll @IntRange(min = 0, max = 30) int count,
            @ForAll @IntRange(min = 3, max = 8) int brackets) {
        String answer = "<".repeat(brackets) + "\\boxed{" + count + "}";
        var verdict = evaluator.evaluate(answer, IntNode.valueOf(count));
        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.reason()).contains(brackets + " '<'");
    }

    @Property(tries = 200)
    void onlyTheLastBoxedAnswerCounts(@ForAll @IntRange(min = 0, max = 50) int first,
            @ForAll @IntRange(min = 0, max = 50) int last) {
        String answer = "\\boxed{" + first + "} no, \\boxed{" + last + "}";
        assertThat(evaluator.evaluate(answer, IntNode.valueOf(last)).correct()).isTrue();
        assertThat(evaluator.evaluate(answer, IntNode.valueOf(first)).correct()).isEqualTo(first == last);
    }
}
