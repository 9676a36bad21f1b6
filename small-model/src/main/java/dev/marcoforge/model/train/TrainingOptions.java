package dev.marcoforge.model.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyper-parameters of one training run. {@code steps} = 0 means {@code epochs} passes over the data. The DPO
 * fields ({@code beta}, {@code labelSmoothing} = cDPO's ε, {@code sftAlpha} = the joint loss's α,
 * {@code maskSharedPrefix}) are ignored by SFT.
 */
public record TrainingOptions(int epochs, int steps, int batchSize, double learningRate, int warmupSteps,
        double minLearningRateRatio, double weightDecay, double beta1, double beta2, double clipNorm, long seed,
        double beta, double labelSmoothing, double sftAlpha, boolean maskSharedPrefix) {

    public TrainingOptions {
        List<String> faults = new ArrayList<>();
        if (epochs < 0 || steps < 0 || (epochs == 0 && steps == 0)) {
            faults.add("give epochs or steps (at least 1), got epochs " + epochs + ", steps " + steps);
        }
        if (batchSize < 1 || batchSize > 4096) {
            faults.add("batch_size must be in 1..4096, got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            faults.add("learning_rate must be in (0, 1), got " + learningRate);
        }
        if (warmupSteps < 0) {
            faults.add("warmup_steps must not be negative, got " + warmupSteps);
        }
        if (!(minLearningRateRatio >= 0 && minLearningRateRatio <= 1)) {
            faults.add("min_learning_rate_ratio must be in 0..1, got " + minLearningRateRatio);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            faults.add("weight_decay must be in [0, 1), got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            faults.add("adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(clipNorm > 0)) {
            faults.add("clip_norm must be positive, got " + clipNorm);
        }
        if (!(beta > 0 && beta <= 100)) {
            faults.add("beta must be in (0, 100], got " + beta);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            faults.add("label_smoothing (cDPO epsilon) must be in [0, 0.5), got " + labelSmoothing);
        }
        if (!(sftAlpha >= 0 && sftAlpha <= 100)) {
            faults.add("sft_alpha must be in [0, 100], got " + sftAlpha);
        }
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException("invalid training options: " + String.join("; ", faults));
        }
    }

    /** SFT defaults for the small model; DPO runs usually lower the learning rate. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(1, 0, 32, 1e-3, 20, 0.1, 0.1, 0.9, 0.95, 1.0, 42L, 0.1, 0.0, 0.0, true);
    }

    public TrainingOptions withSteps(int newSteps) {
        return new TrainingOptions(0, newSteps, batchSize, learningRate, warmupSteps, minLearningRateRatio,
                weightDecay, beta1, beta2, clipNorm, seed, beta, labelSmoothing, sftAlpha, maskSharedPrefix);
    }

    public TrainingOptions withLearningRate(double rate, int warmup) {
        return new TrainingOptions(epochs, steps, batchSize, rate, warmup, minLearningRateRatio, weightDecay, beta1,
                beta2, clipNorm, seed, beta, labelSmoothing, sftAlpha, maskSharedPrefix);
    }

    public TrainingOptions withBatchSize(int size) {
        return new TrainingOptions(epochs, steps, size, learningRate, warmupSteps, minLearningRateRatio, weightDecay,
                beta1, beta2, clipNorm, seed, beta, labelSmoothing, sftAlpha, maskSharedPrefix);
    }

    public TrainingOptions withPreference(double newBeta, double epsilon, double alpha, boolean mask) {
        return new TrainingOptions(epochs, steps, batchSize, learningRate, warmupSteps, minLearningRateRatio,
                weightDecay, beta1, beta2, clipNorm, seed, newBeta, epsilon, alpha, mask);
    }

    /** Total optimizer steps for a data set of {@code examples}. */
    public int totalSteps(int examples) {
        if (steps > 0) {
            return steps;
        }
        return Math.max(1, (int) Math.ceil((double) examples * epochs / batchSize));
    }
}
