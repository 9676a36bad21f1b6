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

    public static StepPrompt prompt(SearchConfig config, String question, List<PathStep> path, String action,
            String prefill) {
        return prompt(config, question, path, action, prefill, 1);
    }

    /** The prompt of one request for {@code n} samples of a node, see {@link StepMode} for where a node ends. */
    public static StepPrompt prompt(SearchConfig config, String question, List<PathStep> path, String action,
            String prefill, int n) {
        ActionTag tag = config.tagOf(action);
        String user = config.basePrompt() + question;
        return switch (config.stepMode()) {
            case TAGGED -> new StepPrompt(user, history(path) + tag.open() + prefill, List.of(tag.close()), n,
                    sampling(config, config.maxTokens()));
            case STEP -> new StepPrompt(user, history(path) + prefill, List.of("\n"), n,
                    sampling(config, config.maxTokens()));
            case MINI_STEP -> action.equals(SearchConfig.ANSWER_ACTION)
                    ? new StepPrompt(user, history(path) + prefill, List.of(), n, sampling(config, config.maxTokens()))
                    : new StepPrompt(user, history(path) + prefill, List.of(), n,
                            sampling(config, config.forge().miniStepTokens()));
        };
    }

    public static Sampling sampling(SearchConfig config) {
        return sampling(config, config.maxTokens());
    }

    private static Sampling sampling(SearchConfig config, int maxTokens) {
        return new Sampling(config.forge().temperature(), config.forge().topP(), maxTokens, config.forge().seed());
    }
}
