package dev.marcoforge.model.train;

/**
 * What one optimizer step did. {@code skipped}: the loss or the gradient was not finite and no update was made.
 * The preference fields are null for SFT: the mean reward margin β·Δ, and the policy's mean chosen and rejected
 * sequence log-probabilities.
 */
public record StepMetrics(int step, int totalSteps, double loss, double learningRate, double gradientNorm,
        boolean skipped, long tokens, double tokensPerSecond, Double sftLoss, Double rewardMargin,
        Double chosenLogProb, Double rejectedLogProb) {
}
