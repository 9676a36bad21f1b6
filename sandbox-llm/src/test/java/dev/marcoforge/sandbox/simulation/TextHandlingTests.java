package dev.marcoforge.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextHandlingTests {

    @Test
    void tokensAreWordsAndPunctuationMarks() {
        assertThat(Tokenizer.count("s(1) t(2) -> r count 1")).isEqualTo(13);
        assertThat(Tokenizer.count("</double-check>")).isEqualTo(6);
        assertThat(Tokenizer.count("  ")).isZero();
    }

    @Test
    void tokensAreWhatTheRegularExpressionFinds() {
        // The tokenizer scans by hand for speed; this pattern is its definition.
        Pattern token = Pattern.compile("\\w+|[^\\w\\s]");
        String alphabet = "ab_Z09 \t\n\r\u000B\f.,<>/-=éß€\u00A0\u2028";
        Random random = new Random(7);
        for (int sample = 0; sample < 2_000; sample++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                if (random.nextInt(20) == 0) {
                    text.appendCodePoint(0x1F600 + random.nextInt(16));
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String input = text.toString();
            List<Integer> ends = new ArrayList<>();
            Matcher matcher = token.matcher(input);
            while (matcher.find()) {
                ends.add(matcher.end());
            }
            assertThat(Tokenizer.count(input)).as("count of %s", input).isEqualTo(ends.size());
            assertThat(String.join("", Tokenizer.tokens(input))).isEqualTo(ends.isEmpty() ? "" : input);
            int budget = random.nextInt(6);
            String expected = budget > ends.size() ? input
                    : budget == 0 ? "" : input.substring(0, ends.get(budget - 1));
            assertThat(Tokenizer.truncate(input, budget)).as("first %d tokens of %s", budget, input)
                    .isEqualTo(expected);
        }
    }

    @Test
    void streamPiecesConcatenateBackToTheText() {
        String text = "Let me spell \"strawberry\".\ns(1) t(2)\n\n";
        List<String> pieces = Tokenizer.pieces(text, 3);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(piece -> assertThat(Tokenizer.count(piece)).isBetween(1, 3));
    }

    @Test
    void theStopSequenceIsCutOutAndTheEarliestOneWins() {
        OutputLimiter.Limited limited = OutputLimiter.apply("check ok\n</double-check>\n<answer>x</answer>",
                List.of("</answer>", "</double-check>"), 100);
        assertThat(limited.text()).isEqualTo("check ok\n");
        assertThat(limited.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(limited.tokens()).isEqualTo(2);
    }

    @Test
    void theTokenBudgetTruncatesWithFinishReasonLength() {
        OutputLimiter.Limited limited = OutputLimiter.apply("one two, three four", List.of(), 3);
        assertThat(limited.text()).isEqualTo("one two,");
        assertThat(limited.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(limited.tokens()).isEqualTo(3);
    }

    @Test
    void theLastUnclosedTagIsTheStepToWrite() {
        Transcript transcript = Transcript.parse(
                "<sub-task>plan</sub-task>\n<thinking>count</thinking>\n<double-check>Let's check the result");
        assertThat(transcript.closedBlocks()).extracting(Transcript.Block::action)
                .containsExactly(Action.SUB_TASK, Action.THINKING);
        assertThat(transcript.openTag()).hasValueSatisfying(open -> {
            assertThat(open.action()).isEqualTo(Action.DOUBLE_CHECK);
            assertThat(open.prefill()).isEqualTo("Let's check the result");
            assertThat(open.closingTag()).isEqualTo("</double-check>");
        });
        assertThat(Transcript.parse("<answer>x</answer>\n").openTag()).isEmpty();
        assertThat(Action.forTag("double_check")).isEqualTo(Action.DOUBLE_CHECK);
    }

    @Test
    void theQuestionIsFoundAfterTheBasePrompt() {
        String user = "In <thinking>, count letter by letter.\n\nNow the question is: How many r's are in 'strawberry'?";
        assertThat(QuestionParser.extractQuestion(user)).isEqualTo("How many r's are in 'strawberry'?");
        assertThat(QuestionParser.extractQuestion("now the question is: a?\nNOW THE Question IS \n What is 2 + 3?\nx"))
                .as("the last marker in any case, with or without its colon").isEqualTo("What is 2 + 3?");
        assertThat(QuestionParser.extractQuestion("Count letters.\nHow many s in seas?\n\n"))
                .as("no marker: the last line").isEqualTo("How many s in seas?");
        assertThat(QuestionParser.parse(QuestionParser.extractQuestion(user)))
                .isEqualTo(new LetterCountProblem("strawberry", List.of('r')));
        assertThat(QuestionParser.parse("What is the combined total of k and i present in lipstick?"))
                .isEqualTo(new LetterCountProblem("lipstick", List.of('k', 'i')));
        assertThat(QuestionParser.parse("How many a and n are there in total in banana?").solution()).isEqualTo(5);
        assertThat(QuestionParser.parse("Is there a letter z in the word pizza?"))
                .isEqualTo(new LetterCountProblem("pizza", List.of('z')));
        assertThat(QuestionParser.parse("What is 17 + 25?").solution()).isEqualTo(42);
        assertThat(QuestionParser.parse("What is 7 divided by 2?")).isInstanceOf(UnrecognizedProblem.class);
    }

    @Test
    void rawPromptsAreSplitIntoQuestionAndContinuation() {
        Conversation chatMl = Conversation.fromRawPrompt("<|im_start|>user\nIn <thinking> ... Now the question is: "
                + "How many r are in strawberry?<|im_end|>\n<|im_start|>assistant\n<sub-task>- 1.");
        assertThat(chatMl.assistantPrefix()).isEqualTo("<sub-task>- 1.");
        assertThat(QuestionParser.extractQuestion(chatMl.userText())).isEqualTo("How many r are in strawberry?");

        Conversation plain = Conversation.fromRawPrompt("In <thinking> ...\nNow the question is: How many r are in"
                + " strawberry?\n<thinking>");
        assertThat(plain.assistantPrefix()).isEqualTo("<thinking>");
    }
}
