package dev.marcoforge.sandbox.simulation;

import java.util.Optional;

/**
 * Writes what a reasoning model would write next. With an open tag at the end of the assistant text it writes
 * just that step and closes it; otherwise it writes the rest of a complete chain, up to the answer.
 */
public final class ReasoningSimulator {

    /** Guards against a loop of steps; a full chain from scratch has at most six. */
    private static final int MAX_CHAIN_STEPS = 12;

    /** What the long thinker says when it starts over: short, as most "Wait" restarts of distilled data are. */
    private static final String[] RESTARTS = {"Wait, let me recheck.", "Wait, is that right?",
        "Wait, maybe I miscounted.", "Wait, let me look again.", "Hmm, wait.", "Wait, let me verify."};

    private final SimulationSettings settings;
    private final int meanRestarts;

    public ReasoningSimulator(SimulationSettings settings) {
        this(settings, 16);
    }

    public ReasoningSimulator(SimulationSettings settings, int meanRestarts) {
        this.settings = settings;
        this.meanRestarts = meanRestarts;
    }

    public SimulationSettings settings() {
        return settings;
    }

    public String write(Conversation conversation, Persona persona, double temperature, long choiceSeed) {
        return compose(conversation, persona, temperature, choiceSeed).text();
    }

    /** As {@link #write}, with the spans where the simulator knows it made a mistake. */
    public SimulatedText compose(Conversation conversation, Persona persona, double temperature, long choiceSeed) {
        return DoubtMarks.read(writeMarked(conversation, persona, temperature, choiceSeed));
    }

    private String writeMarked(Conversation conversation, Persona persona, double temperature, long choiceSeed) {
        Dice dice = new Dice(choiceSeed, settings, persona, temperature);
        Problem problem = QuestionParser.parse(QuestionParser.extractQuestion(conversation.userText()));
        Narrator narrator = Narrator.forProblem(problem, dice);
        Transcript transcript = Transcript.parse(conversation.assistantPrefix());
        Optional<Transcript.OpenTag> open = transcript.openTag();
        if (persona == Persona.LONG_THINKER && open.isEmpty()) {
            return longThought(transcript, narrator, dice);
        }
        if (open.isPresent()) {
            Transcript.OpenTag tag = open.get();
            return StepWriter.writeStep(tag.action(), tag.prefill(), narrator, HistoryFacts.of(transcript),
                    tag.closingTag(), dice);
        }
        return remainingChain(conversation.assistantPrefix(), transcript, narrator, dice);
    }

    /**
     * One thought, restarted {@code meanRestarts} times on average (uniform within +-40 %), then the answer. The
     * restarts change nothing: like much distilled long-CoT data, they add length, not checking.
     */
    private String longThought(Transcript transcript, Narrator narrator, Dice dice) {
        StringBuilder written = new StringBuilder("<thinking>");
        written.append(withoutClosingTag(StepWriter.writeStep(Action.THINKING, "", narrator,
                HistoryFacts.of(transcript), "</thinking>", dice), "</thinking>"));
        int spread = Math.max(0, meanRestarts * 4 / 10);
        int restarts = meanRestarts - spread + dice.below(2 * spread + 1);
        for (int i = 0; i < restarts; i++) {
            written.append(i == 0 ? "\n" : " ").append(RESTARTS[dice.below(RESTARTS.length)]);
        }
        written.append("</thinking>\n<answer>");
        HistoryFacts facts = HistoryFacts.of(Transcript.parse(DoubtMarks.strip(written.toString())));
        written.append(withoutClosingTag(StepWriter.writeStep(Action.ANSWER, "", narrator, facts, "</answer>", dice),
                "</answer>")).append("</answer>\n");
        return written.toString();
    }

    private static String withoutClosingTag(String step, String closingTag) {
        String body = step.endsWith(closingTag) ? step.substring(0, step.length() - closingTag.length()) : step;
        return body.strip();
    }

    private String remainingChain(String prefix, Transcript transcript, Narrator narrator, Dice dice) {
        StringBuilder written = new StringBuilder();
        if (!prefix.isEmpty() && !Character.isWhitespace(prefix.charAt(prefix.length() - 1))) {
            written.append('\n');
        }
        Action next = transcript.lastClosedAction().map(Action::following).orElse(Action.SUB_TASK);
        for (int step = 0; next != null && step < MAX_CHAIN_STEPS; step++) {
            // Each step re-reads everything before it, including the steps written in this very answer.
            HistoryFacts facts = HistoryFacts.of(Transcript.parse(prefix + DoubtMarks.strip(written.toString())));
            written.append('<').append(next.tag()).append('>')
                    .append(StepWriter.writeStep(next, "", narrator, facts, "</" + next.tag() + ">", dice))
                    .append('\n');
            next = next.following();
        }
        return written.toString();
    }
}
