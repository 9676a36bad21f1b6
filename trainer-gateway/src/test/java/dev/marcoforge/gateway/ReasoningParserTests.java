package dev.marcoforge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.gateway.openai.ReasoningParser;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReasoningParserTests {

    private static final String MARCO = "<sub-task>Count r.</sub-task><thinking>r at 3, 8, 9.</thinking>"
            + "<double-check>Yes.</double-check><answer>There are 3.</answer>";

    @Test
    void marcoPutsTheAnswerInContentAndTheRestInReasoning() {
        var split = ReasoningParser.MARCO.split(MARCO);
        assertThat(split.content()).isEqualTo("There are 3.");
        assertThat(split.reasoning()).isEqualTo("<sub-task>Count r.</sub-task><thinking>r at 3, 8, 9.</thinking>"
                + "<double-check>Yes.</double-check>");
    }

    @Test
    void thinkSplitsAtTheClosingTagAndDropsTheOpeningOne() {
        var split = ReasoningParser.THINK.split("<think>Let me see: 2+2.</think>It is 4.");
        assertThat(split.reasoning()).isEqualTo("Let me see: 2+2.");
        assertThat(split.content()).isEqualTo("It is 4.");
        // DeepSeek-R1's template opens <think> in the prompt, so the output starts inside it.
        assertThat(ReasoningParser.THINK.split("hmm</think>4").reasoning()).isEqualTo("hmm");
    }

    @Test
    void withoutTheAnswerMarkerEverythingIsReasoning() {
        var splitter = ReasoningParser.MARCO.splitter();
        var split = splitter.feed("<thinking>cut off by max_tokens");
        assertThat(split.plus(splitter.finish()).reasoning()).isEqualTo("<thinking>cut off by max_tokens");
        assertThat(splitter.sawAnswer()).isFalse();
        assertThat(ReasoningParser.NONE.split(MARCO).content()).isEqualTo(MARCO);
    }

    @Test
    void markersCutAcrossPiecesAreRecognisedWhateverTheCuts() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            var splitter = ReasoningParser.MARCO.splitter();
            StringBuilder reasoning = new StringBuilder();
            StringBuilder content = new StringBuilder();
            int at = 0;
            while (at < MARCO.length()) {
                int end = Math.min(MARCO.length(), at + 1 + random.nextInt(9));
                var piece = splitter.feed(MARCO.substring(at, end));
                reasoning.append(piece.reasoning());
                content.append(piece.content());
                at = end;
            }
            var rest = splitter.finish();
            reasoning.append(rest.reasoning());
            content.append(rest.content());
            assertThat(content.toString()).isEqualTo("There are 3.");
            assertThat(reasoning.toString()).isEqualTo(ReasoningParser.MARCO.split(MARCO).reasoning());
        }
    }

    @Test
    void aTailThatOnlyLooksLikeAMarkerIsReleasedAtTheEnd() {
        var splitter = ReasoningParser.MARCO.splitter();
        var first = splitter.feed("3 < 4 and <ans");
        assertThat(first.reasoning()).isEqualTo("3 < 4 and ");
        assertThat(splitter.finish().reasoning()).isEqualTo("<ans");
    }
}
