package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.model.ModelEndpoint;
import dev.marcoforge.generator.model.StepPrompt;
import java.util.List;

/** A node the policy model must write; the call happens outside any transaction. */
public record PolicyCall(String runId, int seq, int group, String parentNodeId, String action, ActionTag tag,
        String prefill, StepPrompt prompt, ModelEndpoint endpoint, List<OutboundMessage> messages) implements Step {

    public PolicyCall {
        messages = List.copyOf(messages);
    }
}
