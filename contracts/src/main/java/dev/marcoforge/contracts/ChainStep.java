package dev.marcoforge.contracts;

/** One node of a chain: its action, its full tagged text, and the model role that wrote it. */
public record ChainStep(String nodeId, String action, String text, String modelRole) {

    public ChainStep {
        Require.text(nodeId, "step.nodeId");
        Require.text(action, "step.action");
        Require.present(text, "step.text");
        Require.text(modelRole, "step.modelRole");
    }
}
