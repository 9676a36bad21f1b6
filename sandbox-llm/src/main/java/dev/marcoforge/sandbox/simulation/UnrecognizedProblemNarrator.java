package dev.marcoforge.sandbox.simulation;

import java.util.List;

/** For questions of no known shape: generic but well-formed steps, so clients never see a broken chain. */
final class UnrecognizedProblemNarrator implements Narrator {

    private static final int MAX_QUOTED_CHARS = 200;

    private final UnrecognizedProblem problem;

    UnrecognizedProblemNarrator(UnrecognizedProblem problem) {
        this.problem = problem;
    }

    @Override
    public String quantity() {
        return "result";
    }

    @Override
    public List<String> planItems() {
        return List.of(
                "Restate the question in my own words.",
                "Identify what exactly is being asked.",
                "Reason step by step towards an answer.",
                "Check the answer against the question.");
    }

    @Override
    public String thinking(HistoryFacts facts) {
        return "The question is: " + quotedQuestion() + "\n"
                + "I have no dedicated procedure for this kind of question, so I reason from what it states.\n"
                + "My best estimate is that the result is " + problem.solution() + ".";
    }

    @Override
    public String doubleCheck(HistoryFacts facts) {
        long value = facts.total().orElse(problem.solution());
        return "I read the question again and compare it with my reasoning; I see no contradiction, so the result is "
                + value + ".";
    }

    @Override
    public String reflection(HistoryFacts facts) {
        return "Let me reconsider the question from the start.\nAfter reconsidering, the result is "
                + problem.solution() + ".";
    }

    @Override
    public String thinkingFromScratch(HistoryFacts facts) {
        return thinking(facts);
    }

    @Override
    public String hypothesisFigure(HistoryFacts facts) {
        return String.valueOf(facts.total().orElse(problem.solution()));
    }

    @Override
    public String answerFigure(HistoryFacts facts) {
        return String.valueOf(facts.total().orElse(problem.solution()));
    }

    private String quotedQuestion() {
        // The question is the client's text: it must not forge the simulator's doubt marks either.
        String question = DoubtMarks.strip(problem.question()).replace('<', '(').replace('>', ')')
                .replaceAll("\\s+", " ").strip();
        if (question.isEmpty()) {
            return "(empty)";
        }
        return question.length() > MAX_QUOTED_CHARS ? question.substring(0, MAX_QUOTED_CHARS) + "..." : question;
    }
}
