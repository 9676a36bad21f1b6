package dev.marcoforge.sandbox.simulation;

import dev.marcoforge.sandbox.support.ReferenceData;
import java.util.List;

/** Drives the simulator step by step the way the reference MCTS engine does: open tag + prefill, stop at the close. */
final class ReasoningChain {

    private final ReasoningSimulator simulator;
    private final String userText;
    private final StringBuilder history = new StringBuilder();
    private long seed;

    ReasoningChain(ReasoningSimulator simulator, String question, long seed) {
        this.simulator = simulator;
        this.userText = ReferenceData.basePrompt() + question;
        this.seed = seed;
    }

    /** Writes one step and returns what the model wrote (without the stop sequence). */
    String step(String tag, String prefill, Persona persona) {
        String prefix = history + "<" + tag + ">" + prefill;
        String closing = "</" + tag + ">";
        String raw = simulator.write(new Conversation(userText, prefix), persona, 1.0, seed++);
        String written = OutputLimiter.apply(raw, List.of(closing), 100_000).text();
        history.setLength(0);
        history.append(prefix).append(written).append(closing).append('\n');
        return written;
    }

    String policyChainToAnswer(Persona doubleChecker) {
        step("sub-task", "Firstly, I need to break down this task.\n- 1.", Persona.POLICY);
        step("thinking", "", Persona.POLICY);
        step("double-check", "Let's check the result", doubleChecker);
        return step("answer", "The answer is:", Persona.POLICY);
    }

    String history() {
        return history.toString();
    }
}
