package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.model.StepPrompt;
import java.util.List;

/** Builds the prompt of a step from the config, the question and the path the step continues. */
public final class PromptBuilder {

    private PromptBuilder() {
    }

    /** The texts of the path's nodes that show in history, in order: what the model has "said" so far. */
    public static String history(List<PathStep> path) {
        StringBuilder text = new StringBuilder();
        for (PathStep step : path) {
            if (step.showInHistory()) {
                text.append(step.text());
            }
        }
        return text.toString();
    }

    public static StepPrompt prompt(SearchConfig config, String question, List<PathStep> path, ActionTag tag,
            String prefill) {
        return prompt(config, question, path, tag, prefill, 1);
    }

    /** The prompt of one request for {@code n} samples of a node. */
    public static StepPrompt prompt(SearchConfig config, String question, List<PathStep> path, ActionTag tag,
            String prefill, int n) {
        String assistant = history(path) + tag.open() + prefill;
        return new StepPrompt(config.basePrompt() + question, assistant, List.of(tag.close()), n, sampling(config));
    }

    public static Sampling sampling(SearchConfig config) {
        return new Sampling(config.forge().temperature(), config.forge().topP(), config.maxTokens(),
                config.forge().seed());
    }
}
