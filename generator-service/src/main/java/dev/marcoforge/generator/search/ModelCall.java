package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.model.ModelEndpoint;
import dev.marcoforge.generator.model.StepPrompt;
import java.util.List;

/**
 * Nodes a model the generator calls itself must write (the policy, or another role's); the call happens outside any
 * transaction. {@code logprobs}: the confidence reward needs the texts' token confidences.
 */
public record ModelCall(String runId, int seq, int group, String parentNodeId, String action, ActionTag tag,
        String prefill, StepPrompt prompt, ModelEndpoint endpoint, boolean logprobs, List<OutboundMessage> messages)
        implements Step {

    public ModelCall {
        messages = List.copyOf(messages);
    }
}
