package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.generator.config.BuiltInConfigs;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.config.SearchConfigParser;
import dev.marcoforge.generator.model.StepPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTests {

    private final SearchConfig config = SearchConfigParser.parse(BuiltInConfigs.find("letter-counting").orElseThrow());

    private final List<PathStep> path = List.of(
            new PathStep("base", "", true),
            new PathStep("sub_task", "<sub-task>- 1. Spell.</sub-task>\n", true),
            new PathStep("hypothesis", "<hypothesis>Maybe 4.</hypothesis>\n", false),
            new PathStep("thinking", "<thinking>s-u-b: 1 u.</thinking>\n", true));

    @Test
    void historyHoldsTheTextsThatShowInHistoryInOrder() {
        assertThat(PromptBuilder.history(path))
                .isEqualTo("<sub-task>- 1. Spell.</sub-task>\n<thinking>s-u-b: 1 u.</thinking>\n");
        assertThat(PromptBuilder.history(List.of(new PathStep("base", "", true)))).isEmpty();
    }

    @Test
    void theAssistantPrefixIsTheHistoryThenTheOpenTagAndPrefill() {
        StepPrompt prompt = PromptBuilder.prompt(config, "How many u in subsensual?", path,
                "double_check", "Let's check the result");

        assertThat(prompt.conversation()).containsExactly(
                ChatMessage.user(config.basePrompt() + "How many u in subsensual?"),
                ChatMessage.assistant("<sub-task>- 1. Spell.</sub-task>\n<thinking>s-u-b: 1 u.</thinking>\n"
                        + "<double-check>Let's check the result"));
        assertThat(prompt.stop()).containsExactly("</double-check>");
        assertThat(prompt.n()).isEqualTo(1);
    }

    @Test
    void aStepHasNoTagsAndStopsAtANewline() {
        SearchConfig steps = withSource(", \"use_step\": true");
        StepPrompt prompt = PromptBuilder.prompt(steps, "q", path, "double_check", "Let's check");

        assertThat(prompt.assistantPrefix()).isEqualTo(PromptBuilder.history(path) + "Let's check");
        assertThat(prompt.stop()).containsExactly("\n");
        assertThat(prompt.sampling().maxTokens()).isEqualTo(512);
    }

    @Test
    void aMiniStepIsCutAtItsTokenBudgetButTheAnswerIsWrittenToItsEnd() {
        SearchConfig mini = withSource(", \"use_mini_step\": true, \"marco_forge\": {\"mini_step_tokens\": 64}");
        StepPrompt thinking = PromptBuilder.prompt(mini, "q", path, "thinking", "So");
        StepPrompt answer = PromptBuilder.prompt(mini, "q", path, "answer", "");

        assertThat(thinking.assistantPrefix()).isEqualTo(PromptBuilder.history(path) + "So");
        assertThat(thinking.stop()).isEmpty();
        assertThat(thinking.sampling().maxTokens()).isEqualTo(64);
        assertThat(answer.stop()).isEmpty();
        assertThat(answer.sampling().maxTokens()).isEqualTo(512);
    }

    /** The built-in letter-counting config with more top-level keys. */
    private static SearchConfig withSource(String extraKeys) {
        String source = BuiltInConfigs.find("letter-counting").orElseThrow().toString();
        String withKeys = source.substring(0, source.lastIndexOf('}')) + extraKeys + "}";
        try {
            return SearchConfigParser.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(withKeys));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void samplingComesFromMaxTokensAndTheExtensionBlock() {
        StepPrompt prompt = PromptBuilder.prompt(config, "q", path, "thinking", "");

        assertThat(prompt.sampling().maxTokens()).isEqualTo(512);
        assertThat(prompt.sampling().temperature()).isEqualTo(0.7);
        assertThat(prompt.sampling().topP()).isNull();
        assertThat(prompt.sampling().seed()).isNull();
    }
}
