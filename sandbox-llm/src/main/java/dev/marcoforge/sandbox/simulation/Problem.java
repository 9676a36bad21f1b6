package dev.marcoforge.sandbox.simulation;

/** What the question asks, as far as the simulator understands it. */
public sealed interface Problem permits LetterCountProblem, ArithmeticProblem, UnrecognizedProblem {

    /** The correct final result, the value a flawless chain boxes. */
    long solution();
}
