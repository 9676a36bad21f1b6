package dev.marcoforge.sandbox.simulation;

import java.util.List;

/** Cheap extra: one-operation arithmetic, where the wrong-sum rate produces off-by-a-little results. */
final class ArithmeticNarrator implements Narrator {

    private final ArithmeticProblem problem;
    private final Dice dice;

    ArithmeticNarrator(ArithmeticProblem problem, Dice dice) {
        this.problem = problem;
        this.dice = dice;
    }

    @Override
    public String quantity() {
        return "result";
    }

    @Override
    public List<String> planItems() {
        return List.of(
                "Identify the numbers %d and %d and the operation (%s).".formatted(
                        problem.left(), problem.right(), problem.operator().description),
                "Compute " + problem.expression() + " step by step.",
                "Double-check the result.");
    }

    @Override
    public String thinking(HistoryFacts facts) {
        String intro = facts.total().isPresent() && facts.countingSteps() > 0
                ? "Next sub-task: verify the computation once more."
                : "I compute " + problem.expression() + ".";
        return computation(intro, "So the result is %s.");
    }

    @Override
    public String doubleCheck(HistoryFacts facts) {
        if (facts.total().isEmpty()) {
            return computation("There is no result to check yet, so I compute it.", "So the result is %s.");
        }
        long claimed = facts.total().getAsLong();
        long correct = problem.solution();
        if (claimed == correct) {
            return "Recomputing " + problem.expression() + " gives " + correct
                    + ", the same as before, so the result is " + correct + ".";
        }
        if (dice.catchesMistake()) {
            return "Recomputing " + problem.expression() + " gives " + correct + ".\n"
                    + "I found an error: the previous steps arrived at " + claimed + ", but " + problem.expression()
                    + " is " + correct + ".\nSo the correct result is " + correct + ".";
        }
        String letThrough = DoubtMarks.wrongClaim(String.valueOf(claimed));
        return "The previous computation " + problem.expression() + " = " + letThrough
                + " looks right, so the result is " + letThrough + ".";
    }

    @Override
    public String reflection(HistoryFacts facts) {
        return computation("Let me recompute " + problem.expression() + " carefully.", "So the correct result is %s.");
    }

    @Override
    public String thinkingFromScratch(HistoryFacts facts) {
        return computation("Computing " + problem.expression() + " again from the beginning.", "So the result is %s.");
    }

    @Override
    public String hypothesisFigure(HistoryFacts facts) {
        return restatedOrComputed(facts);
    }

    @Override
    public String answerFigure(HistoryFacts facts) {
        return restatedOrComputed(facts);
    }

    /** Restating the history's result is no mistake of this step, even when the result is wrong. */
    private String restatedOrComputed(HistoryFacts facts) {
        return facts.total().isPresent() ? String.valueOf(facts.total().getAsLong()) : possiblyWrongResult();
    }

    /** @param conclusionFormat its %s is the result as written (possibly marked) */
    private String computation(String intro, String conclusionFormat) {
        String result = possiblyWrongResult();
        return intro + "\n" + problem.expression() + " = " + result + ".\n" + conclusionFormat.formatted(result);
    }

    private String possiblyWrongResult() {
        long correct = problem.solution();
        return DoubtMarks.figure(dice.slipsWhileAdding() ? dice.nearMiss(correct) : correct, correct);
    }
}
