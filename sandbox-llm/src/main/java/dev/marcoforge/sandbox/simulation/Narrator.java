package dev.marcoforge.sandbox.simulation;

import java.util.List;

/**
 * Writes the body of each reasoning step for one kind of problem. Bodies never contain '<': the client's tags
 * must stay the only tags (the reference evaluator even rejects answers with extra ones). A figure a step gets
 * wrong by its own slip is wrapped with {@link DoubtMarks#figure}, so its tokens come out unsure.
 */
interface Narrator {

    static Narrator forProblem(Problem problem, Dice dice) {
        if (problem instanceof LetterCountProblem) {
            return new LetterCountNarrator((LetterCountProblem) problem, dice);
        }
        if (problem instanceof ArithmeticProblem) {
            return new ArithmeticNarrator((ArithmeticProblem) problem, dice);
        }
        return new UnrecognizedProblemNarrator((UnrecognizedProblem) problem);
    }

    /** How the steps name the final figure: "total", "result"... */
    String quantity();

    List<String> planItems();

    String thinking(HistoryFacts facts);

    String doubleCheck(HistoryFacts facts);

    String reflection(HistoryFacts facts);

    String thinkingFromScratch(HistoryFacts facts);

    /** The figure a hypothesis states, as written: marked as a wrong claim when this step got it wrong. */
    String hypothesisFigure(HistoryFacts facts);

    /** The figure the answer boxes, as written: marked as a wrong claim when this step got it wrong. */
    String answerFigure(HistoryFacts facts);
}
