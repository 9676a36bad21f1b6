package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.model.ModelEndpoint;
import dev.marcoforge.generator.model.StepPrompt;

/** A node the policy model must write; the call happens outside any transaction. */
public record PolicyCall(String runId, String parentNodeId, String action, ActionTag tag, String prefill,
        StepPrompt prompt, ModelEndpoint endpoint) implements Step {
}
