package dev.marcoforge.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.marcoforge.model.ChatTokenizer.EncodedChat;
import dev.marcoforge.model.Losses;
import dev.marcoforge.model.ModelRuntime;
import dev.marcoforge.model.TransformerModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Trains a {@link TransformerModel} in place: SFT (loss on the assistant's tokens only) or DPO against a frozen
 * reference, with cDPO label smoothing, the shared-prefix mask and the joint SFT term. AdamW, linear warm-up and
 * cosine decay, global-norm clipping; a step whose loss or gradient is not finite is skipped (counted, no update).
 */
public final class Trainer {

    private final TransformerModel model;

    public Trainer(TransformerModel model) {
        this.model = model;
    }

    public TrainingResult sft(List<EncodedChat> examples, TrainingOptions options, Consumer<StepMetrics> listener,
            BooleanSupplier cancelled) {
        int context = model.config().contextLength();
        List<EncodedChat> usable = new ArrayList<>();
        for (EncodedChat example : examples) {
            if (example.fitsContext(context)) {
                usable.add(example);
            }
        }
        int dropped = examples.size() - usable.size();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no SFT example fits the model's context of " + context + " tokens ("
                    + examples.size() + " given)");
        }
        return run(usable, EncodedChat::length, dropped, options, listener, cancelled, (batch, manager) -> {
            List<int[]> ids = new ArrayList<>();
            List<float[]> masks = new ArrayList<>();
            for (EncodedChat example : batch) {
                ids.add(example.ids());
                masks.add(PreferenceExample.targetMask(example, 0, 0));
            }
            SequenceBatch tensors = SequenceBatch.of(manager, ids, masks);
            return new Objective(tensors.tokens(), () -> {
                NDArray logProbs = Losses.tokenLogProbs(model.logits(tensors.inputs()), tensors.targets());
                NDArray loss = Losses.sft(logProbs, tensors.mask());
                return new LossTerms(loss, null, null, null, null);
            });
        });
    }

    public TrainingResult dpo(TransformerModel reference, List<PreferenceExample> pairs, TrainingOptions options,
            Consumer<StepMetrics> listener, BooleanSupplier cancelled) {
        int context = model.config().contextLength();
        List<PreferenceExample> usable = new ArrayList<>();
        for (PreferenceExample pair : pairs) {
            if (pair.fitsContext(context)) {
                usable.add(pair);
            }
        }
        int dropped = pairs.size() - usable.size();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no preference pair fits the model's context of " + context
                    + " tokens (" + pairs.size() + " given)");
        }
        boolean mask = options.maskSharedPrefix();
        // The reference is frozen: its log-probabilities are computed once, before training, without gradients.
        Map<PreferenceExample, float[]> referenceLogProbs = referenceLogProbs(reference, usable, options);
        float beta = (float) options.beta();
        float epsilon = (float) options.labelSmoothing();
        float alpha = (float) options.sftAlpha();
        return run(usable, PreferenceExample::longest, dropped, options, listener, cancelled, (batch, manager) -> {
            List<int[]> ids = new ArrayList<>();
            List<float[]> masks = new ArrayList<>();
            List<float[]> sftMasks = new ArrayList<>();
            float[] refChosen = new float[batch.size()];
            float[] refRejected = new float[batch.size()];
            for (PreferenceExample pair : batch) {
                ids.add(pair.chosen().ids());
                masks.add(pair.chosenMask(mask));
                sftMasks.add(pair.chosenMask(false));
            }
            for (PreferenceExample pair : batch) {
                ids.add(pair.rejected().ids());
                masks.add(pair.rejectedMask(mask));
                sftMasks.add(new float[pair.rejected().length() - 1]);
            }
            for (int i = 0; i < batch.size(); i++) {
                float[] ref = referenceLogProbs.get(batch.get(i));
                refChosen[i] = ref[0];
                refRejected[i] = ref[1];
            }
            SequenceBatch tensors = SequenceBatch.of(manager, ids, masks);
            NDArray sftMask = SequenceBatch.mask(manager, ids, sftMasks);
            NDArray refChosenArray = manager.create(refChosen);
            NDArray refRejectedArray = manager.create(refRejected);
            int half = batch.size();
            return new Objective(tensors.tokens(), () -> {
                NDArray logProbs = Losses.tokenLogProbs(model.logits(tensors.inputs()), tensors.targets());
                NDArray sequences = Losses.sequenceLogProbs(logProbs, tensors.mask());
                NDArray chosen = sequences.get("0:" + half);
                NDArray rejected = sequences.get(half + ":");
                NDArray dpo = Losses.dpo(chosen, rejected, refChosenArray, refRejectedArray, beta, epsilon);
                NDArray sft = Losses.sft(logProbs, sftMask);
                NDArray loss = Losses.joint(dpo, sft, alpha);
                NDArray margin = Losses.margin(chosen, rejected, refChosenArray, refRejectedArray).mul(beta).mean();
                return new LossTerms(loss, sft, margin, chosen.mean(), rejected.mean());
            });
        });
    }

    private Map<PreferenceExample, float[]> referenceLogProbs(TransformerModel reference,
            List<PreferenceExample> pairs, TrainingOptions options) {
        Map<PreferenceExample, float[]> result = new java.util.IdentityHashMap<>();
        boolean mask = options.maskSharedPrefix();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < pairs.size(); from += options.batchSize()) {
                List<PreferenceExample> batch = pairs.subList(from, Math.min(pairs.size(), from + options.batchSize()));
                List<int[]> ids = new ArrayList<>();
                List<float[]> masks = new ArrayList<>();
                for (PreferenceExample pair : batch) {
                    ids.add(pair.chosen().ids());
                    masks.add(pair.chosenMask(mask));
                    ids.add(pair.rejected().ids());
                    masks.add(pair.rejectedMask(mask));
                }
                try (NDScope scope = new NDScope()) {
                    SequenceBatch tensors = SequenceBatch.of(manager, ids, masks);
                    float[] sums = Losses.sequenceLogProbs(
                            Losses.tokenLogProbs(reference.logits(tensors.inputs()), tensors.targets()),
                            tensors.mask()).toFloatArray();
                    for (int i = 0; i < batch.size(); i++) {
                        result.put(batch.get(i), new float[] {sums[2 * i], sums[2 * i + 1]});
                    }
                }
            }
        }
        return result;
    }

    private <T> TrainingResult run(List<T> examples, ToIntFunction<T> length, int dropped, TrainingOptions options,
            Consumer<StepMetrics> listener, BooleanSupplier cancelled, BatchObjective<T> objective) {
        var engine = ModelRuntime.engine();
        int totalSteps = options.totalSteps(examples.size());
        LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(),
                Math.min(options.warmupSteps(), Math.max(0, totalSteps - 1)), totalSteps,
                options.minLearningRateRatio());
        Set<String> decayed = new HashSet<>(decayedParameters());
        Map<String, NDArray> parameters = model.parameters();
        Random random = new Random(options.seed());
        BatchPlan<T> plan = new BatchPlan<>(examples, length, Math.min(options.batchSize(), examples.size()), random);
        int skipped = 0;
        double lastLoss = Double.NaN;
        long allTokens = 0;
        long started = System.nanoTime();
        int step = 0;
        boolean wasCancelled = false;
        model.requireGradients(true);
        try (NDManager manager = NDManager.newBaseManager();
                AdamW optimizer = new AdamW(manager, options.beta1(), options.beta2(), 1e-8, options.weightDecay(),
                        decayed)) {
            for (; step < totalSteps; step++) {
                if (cancelled.getAsBoolean()) {
                    wasCancelled = true;
                    break;
                }
                List<T> batch = plan.next();
                long stepStart = System.nanoTime();
                double learningRate = schedule.at(step);
                StepMetrics metrics;
                try (NDScope scope = new NDScope()) {
                    Objective built = objective.build(batch, manager);
                    LossTerms terms;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        terms = built.compute().get();
                        collector.backward(terms.loss());
                    }
                    double loss = terms.loss().getFloat();
                    Map<String, NDArray> gradients = new LinkedHashMap<>();
                    for (var entry : parameters.entrySet()) {
                        gradients.put(entry.getKey(), entry.getValue().getGradient());
                    }
                    double norm = globalNorm(gradients.values());
                    boolean skip = !Double.isFinite(loss) || !Double.isFinite(norm);
                    if (skip) {
                        skipped++;
                    } else {
                        if (norm > options.clipNorm()) {
                            double scale = options.clipNorm() / (norm + 1e-6);
                            for (NDArray gradient : gradients.values()) {
                                gradient.muli(scale);
                            }
                        }
                        optimizer.update(parameters, gradients, learningRate);
                        lastLoss = loss;
                    }
                    for (NDArray gradient : gradients.values()) {
                        zero(gradient);
                    }
                    allTokens += built.tokens();
                    double seconds = Math.max(1e-9, (System.nanoTime() - stepStart) / 1e9);
                    metrics = new StepMetrics(step + 1, totalSteps, loss, learningRate, norm, skip, built.tokens(),
                            built.tokens() / seconds, value(terms.sft()), value(terms.margin()),
                            value(terms.chosen()), value(terms.rejected()));
                }
                listener.accept(metrics);
            }
        } finally {
            model.requireGradients(false);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        return new TrainingResult(step, skipped, dropped, lastLoss, allTokens / seconds, wasCancelled);
    }

    private List<String> decayedParameters() {
        List<String> names = new ArrayList<>();
        for (String name : model.parameters().keySet()) {
            if (name.endsWith(".w")) {
                names.add(name);
            }
        }
        return names;
    }

    static double globalNorm(Iterable<NDArray> gradients) {
        double sum = 0;
        for (NDArray gradient : gradients) {
            sum += gradient.square().sum().getFloat();
        }
        return Math.sqrt(sum);
    }

    /** Clears a gradient in place, NaN and infinity included (multiplying by 0 would keep a NaN). */
    private static void zero(NDArray gradient) {
        gradient.muli(0f);
        gradient.set(gradient.isNaN(), 0f);
    }

    private static Double value(NDArray scalar) {
        return scalar == null ? null : (double) scalar.getFloat();
    }

    @FunctionalInterface
    private interface BatchObjective<T> {
        Objective build(List<T> batch, NDManager manager);
    }

    private record Objective(long tokens, java.util.function.Supplier<LossTerms> compute) {
    }

    private record LossTerms(NDArray loss, NDArray sft, NDArray margin, NDArray chosen, NDArray rejected) {
    }

}
