package dev.marcoforge.model.train;

/** The end of a run: steps made and skipped, examples left out (too long for the context), the last loss. */
public record TrainingResult(int steps, int skippedSteps, int droppedExamples, double finalLoss,
        double meanTokensPerSecond, boolean cancelled) {
}
