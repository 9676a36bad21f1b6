package dev.marcoforge.model.train;

/** Linear warm-up from 0 to the peak, then cosine decay down to {@code minRatio} of the peak at the last step. */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double minRatio) {

    public double at(int step) {
        if (warmupSteps > 0 && step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double floor = peak * minRatio;
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
