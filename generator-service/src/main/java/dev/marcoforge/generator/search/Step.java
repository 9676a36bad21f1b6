package dev.marcoforge.generator.search;

/** What a problem's search does next: call a model, or apply a transition that is already decided. */
public sealed interface Step permits ModelCall, Transition {

    /** What to publish once the transaction that decided this step has committed. */
    java.util.List<OutboundMessage> messages();

    /** This step with {@code before} published ahead of its own messages. */
    static Step after(java.util.List<OutboundMessage> before, Step step) {
        java.util.List<OutboundMessage> all = new java.util.ArrayList<>(before);
        all.addAll(step.messages());
        if (step instanceof ModelCall call) {
            return new ModelCall(call.runId(), call.seq(), call.group(), call.parentNodeId(), call.action(),
                    call.tag(), call.prefill(), call.prompt(), call.endpoint(), call.logprobs(), all);
        }
        Transition t = (Transition) step;
        return new Transition(t.runId(), t.proceed(), all);
    }
}
