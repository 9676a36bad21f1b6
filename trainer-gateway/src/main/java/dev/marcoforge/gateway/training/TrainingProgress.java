package dev.marcoforge.gateway.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.model.train.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live state of one training: the latest step's metrics, a loss curve (thinned to at most
 * {@link #MAX_POINTS} points as it grows), and the cancel flag. Written by the training thread, read by requests
 * and by the metrics registry.
 */
final class TrainingProgress {

    static final int MAX_POINTS = 400;

    final String trainingId;
    final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile StepMetrics latest;
    private final List<double[]> curve = new ArrayList<>();
    private volatile int examples;
    private volatile int skippedSteps;
    private volatile String phase = "queued";

    TrainingProgress(String trainingId) {
        this.trainingId = trainingId;
    }

    void phase(String value) {
        phase = value;
    }

    void examples(int count) {
        examples = count;
    }

    synchronized void step(StepMetrics metrics) {
        latest = metrics;
        if (metrics.skipped()) {
            skippedSteps++;
            return;
        }
        curve.add(new double[] {metrics.step(), metrics.loss()});
        if (curve.size() > MAX_POINTS) {
            List<double[]> thinned = new ArrayList<>();
            for (int i = 0; i < curve.size(); i += 2) {
                thinned.add(curve.get(i));
            }
            curve.clear();
            curve.addAll(thinned);
        }
    }

    StepMetrics latest() {
        return latest;
    }

    double value(java.util.function.ToDoubleFunction<StepMetrics> field) {
        StepMetrics metrics = latest;
        return metrics == null ? Double.NaN : field.applyAsDouble(metrics);
    }

    synchronized ObjectNode toJson(int droppedExamples) {
        ObjectNode json = MessageCodec.mapper().createObjectNode();
        json.put("phase", phase);
        json.put("examples", examples);
        json.put("dropped_examples", droppedExamples);
        json.put("skipped_steps", skippedSteps);
        StepMetrics metrics = latest;
        if (metrics != null) {
            json.put("step", metrics.step());
            json.put("total_steps", metrics.totalSteps());
            json.put("fraction", (double) metrics.step() / metrics.totalSteps());
            ObjectNode last = json.putObject("latest");
            last.put("loss", finite(metrics.loss()));
            last.put("learning_rate", metrics.learningRate());
            last.put("gradient_norm", finite(metrics.gradientNorm()));
            last.put("tokens_per_second", Math.round(metrics.tokensPerSecond()));
            if (metrics.rewardMargin() != null) {
                last.put("reward_margin", metrics.rewardMargin());
                last.put("chosen_logp", metrics.chosenLogProb());
                last.put("rejected_logp", metrics.rejectedLogProb());
                last.put("sft_loss", metrics.sftLoss());
            }
        }
        ArrayNode points = json.putArray("loss_curve");
        for (double[] point : curve) {
            points.addArray().add((int) point[0]).add(point[1]);
        }
        return json;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
