package dev.marcoforge.sandbox.simulation;

import java.util.Optional;

/**
 * Writes what a reasoning model would write next. With an open tag at the end of the assistant text it writes
 * just that step and closes it; otherwise it writes the rest of a complete chain, up to the answer.
 */
public final class ReasoningSimulator {

    /** Guards against a loop of steps; a full chain from scratch has at most six. */
    private static final int MAX_CHAIN_STEPS = 12;

    private final SimulationSettings settings;

    public ReasoningSimulator(SimulationSettings settings) {
        this.settings = settings;
    }

    public SimulationSettings settings() {
        return settings;
    }

    public String write(Conversation conversation, Persona persona, double temperature, long choiceSeed) {
        Dice dice = new Dice(choiceSeed, settings, persona, temperature);
        Problem problem = QuestionParser.parse(QuestionParser.extractQuestion(conversation.userText()));
        Narrator narrator = Narrator.forProblem(problem, dice);
        Transcript transcript = Transcript.parse(conversation.assistantPrefix());
        Optional<Transcript.OpenTag> open = transcript.openTag();
        if (open.isPresent()) {
            Transcript.OpenTag tag = open.get();
            return StepWriter.writeStep(tag.action(), tag.prefill(), narrator, HistoryFacts.of(transcript),
                    tag.closingTag());
        }
        return remainingChain(conversation.assistantPrefix(), transcript, narrator);
    }

    private String remainingChain(String prefix, Transcript transcript, Narrator narrator) {
        StringBuilder written = new StringBuilder();
        if (!prefix.isEmpty() && !Character.isWhitespace(prefix.charAt(prefix.length() - 1))) {
            written.append('\n');
        }
        Action next = transcript.lastClosedAction().map(Action::following).orElse(Action.SUB_TASK);
        for (int step = 0; next != null && step < MAX_CHAIN_STEPS; step++) {
            // Each step re-reads everything before it, including the steps written in this very answer.
            HistoryFacts facts = HistoryFacts.of(Transcript.parse(prefix + written));
            written.append('<').append(next.tag()).append('>')
                    .append(StepWriter.writeStep(next, "", narrator, facts, "</" + next.tag() + ">"))
                    .append('\n');
            next = next.following();
        }
        return written.toString();
    }
}
