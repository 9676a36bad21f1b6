package dev.marcoforge.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A GPT-style decoder-only transformer written directly on NDArrays: token and position embeddings, pre-norm
 * blocks of causal multi-head self-attention and a GELU MLP, a final layer norm, and an output layer tied to the
 * token embedding. The parameters live in the model's own manager; every forward pass creates its arrays in the
 * caller's scope ({@link ai.djl.ndarray.NDScope}), so a training step or a sampling step frees what it made.
 */
public final class TransformerModel implements AutoCloseable {

    /** Added to attention scores that must not count; finite, so a row with nothing to attend to gives no NaN. */
    static final float MASKED = -1e9f;

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Layer[] layers;
    private final NDArray tokenEmbedding;
    private final NDArray positionEmbedding;
    private final NDArray finalNormGain;
    private final NDArray finalNormBias;

    private TransformerModel(ModelConfig config, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.tokenEmbedding = parameter("tok_emb");
        this.positionEmbedding = parameter("pos_emb");
        this.finalNormGain = parameter("ln_f.g");
        this.finalNormBias = parameter("ln_f.b");
        this.layers = new Layer[config.depth()];
        for (int l = 0; l < layers.length; l++) {
            String p = "h" + l + ".";
            layers[l] = new Layer(parameter(p + "ln1.g"), parameter(p + "ln1.b"), parameter(p + "attn.qkv.w"),
                    parameter(p + "attn.qkv.b"), parameter(p + "attn.proj.w"), parameter(p + "attn.proj.b"),
                    parameter(p + "ln2.g"), parameter(p + "ln2.b"), parameter(p + "mlp.fc.w"),
                    parameter(p + "mlp.fc.b"), parameter(p + "mlp.proj.w"), parameter(p + "mlp.proj.b"));
        }
    }

    /** A freshly initialised model (GPT-2's scheme: N(0, 0.02), residual projections scaled by 1/sqrt(2·depth)). */
    public static TransformerModel initialize(ModelConfig config, long seed, NDManager parent) {
        ModelRuntime.engine();
        NDManager manager = parent.newSubManager();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        for (ParameterSpec spec : specs(config)) {
            float[] values = new float[Math.toIntExact(spec.shape().size())];
            switch (spec.init()) {
                case ONES -> java.util.Arrays.fill(values, 1f);
                case ZEROS -> { }
                case NORMAL, RESIDUAL -> {
                    double std = spec.init() == Init.RESIDUAL ? 0.02 / Math.sqrt(2.0 * config.depth()) : 0.02;
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (gaussian(random) * std);
                    }
                }
            }
            NDArray array = manager.create(values, spec.shape());
            array.setName(spec.name());
            parameters.put(spec.name(), array);
        }
        return new TransformerModel(config, manager, parameters);
    }

    /** A model from stored weights; every parameter the config implies must be there, with its shape. */
    static TransformerModel fromWeights(ModelConfig config, NDList weights, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray array : weights) {
            byName.put(array.getName(), array);
        }
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        List<String> faults = new ArrayList<>();
        for (ParameterSpec spec : specs(config)) {
            NDArray array = byName.remove(spec.name());
            if (array == null) {
                faults.add("missing " + spec.name());
            } else if (!array.getShape().equals(spec.shape())) {
                faults.add(spec.name() + " has shape " + array.getShape() + ", the config needs " + spec.shape());
            } else {
                // A copy made from Java values, owned by the model's manager: arrays decoded from bytes may share
                // memory with buffers that outlive neither the reading nor a garbage collection.
                NDArray owned = manager.create(array.toType(DataType.FLOAT32, false).toFloatArray(), spec.shape());
                owned.setName(spec.name());
                parameters.put(spec.name(), owned);
            }
        }
        if (!byName.isEmpty()) {
            faults.add("unexpected " + String.join(", ", byName.keySet()));
        }
        if (!faults.isEmpty()) {
            manager.close();
            throw new IllegalArgumentException("the weights do not fit the model config: " + String.join("; ", faults));
        }
        return new TransformerModel(config, manager, parameters);
    }

    /** A detached copy with the same weights (the frozen reference of DPO). */
    public TransformerModel copy(NDManager parent) {
        NDManager target = parent.newSubManager();
        Map<String, NDArray> copies = new LinkedHashMap<>();
        for (var entry : parameters.entrySet()) {
            NDArray copy = entry.getValue().duplicate();
            copy.attach(target);
            copy.setName(entry.getKey());
            copies.put(entry.getKey(), copy);
        }
        return new TransformerModel(config, target, copies);
    }

    public ModelConfig config() {
        return config;
    }

    /** The parameters by name, in a fixed order (the checkpoint's). */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public void requireGradients(boolean required) {
        for (NDArray parameter : parameters.values()) {
            parameter.setRequiresGradient(required);
        }
    }

    /**
     * Next-token logits for every position of {@code ids} [batch, length] (int64), causal: position t sees
     * positions 0..t only. Returns [batch, length, vocab].
     */
    public NDArray logits(NDArray ids) {
        long length = ids.getShape().get(1);
        checkLength(length);
        NDArray x = tokenEmbedding.get(ids).add(positionEmbedding.get("0:" + length));
        NDArray mask = ids.getManager().create(causalMask((int) length, 0), new Shape(length, length));
        for (Layer layer : layers) {
            x = layer.forward(x, mask, null, config);
        }
        return head(x);
    }

    /**
     * One incremental step: runs {@code ids} [batch, steps] at {@code positions} [batch, steps] on top of what
     * {@code cache} holds, appends their keys and values to it, and returns the logits of the last step
     * [batch, vocab]. {@code keyMask} [batch, cached + steps] is 0 where a key may be attended to and
     * {@link #MASKED} where not (left padding); null means all.
     */
    public NDArray step(NDArray ids, NDArray positions, KvCache cache, NDArray keyMask) {
        long steps = ids.getShape().get(1);
        int past = cache.length();
        checkLength(past + steps);
        NDArray x = tokenEmbedding.get(ids).add(positionEmbedding.get(positions));
        NDArray mask = ids.getManager().create(causalMask((int) steps, past), new Shape(steps, past + steps));
        if (keyMask != null) {
            mask = mask.add(keyMask.expandDims(1).expandDims(1));
        }
        for (int l = 0; l < layers.length; l++) {
            x = layers[l].forward(x, mask, cache.layer(l), config);
        }
        cache.advance((int) steps);
        NDArray last = x.get(":, -1:, :");
        return head(last).squeeze(1);
    }

    public KvCache newCache() {
        return new KvCache(config.depth());
    }

    private NDArray head(NDArray x) {
        NDArray normed = LayerNorm.layerNorm(x, new Shape(config.width()), finalNormGain, finalNormBias, 1e-5f)
                .singletonOrThrow();
        return normed.matMul(tokenEmbedding.transpose());
    }

    private void checkLength(long length) {
        if (length > config.contextLength()) {
            throw new IllegalArgumentException("a sequence of " + length + " tokens exceeds the model's context of "
                    + config.contextLength());
        }
    }

    /** Row i (query at absolute position past+i) may see keys 0..past+i. */
    static float[] causalMask(int queries, int past) {
        int keys = past + queries;
        float[] mask = new float[queries * keys];
        for (int i = 0; i < queries; i++) {
            for (int j = past + i + 1; j < keys; j++) {
                mask[i * keys + j] = MASKED;
            }
        }
        return mask;
    }

    private NDArray parameter(String name) {
        NDArray array = parameters.get(name);
        if (array == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    enum Init { NORMAL, RESIDUAL, ONES, ZEROS }

    record ParameterSpec(String name, Shape shape, Init init, boolean decayed) {
    }

    /** Every parameter of a config, in checkpoint order; {@code decayed}: weight decay applies (matrices only). */
    static List<ParameterSpec> specs(ModelConfig config) {
        long d = config.width();
        long hidden = d * config.mlpRatio();
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(new ParameterSpec("tok_emb", new Shape(config.vocabSize(), d), Init.NORMAL, false));
        specs.add(new ParameterSpec("pos_emb", new Shape(config.contextLength(), d), Init.NORMAL, false));
        for (int l = 0; l < config.depth(); l++) {
            String p = "h" + l + ".";
            specs.add(new ParameterSpec(p + "ln1.g", new Shape(d), Init.ONES, false));
            specs.add(new ParameterSpec(p + "ln1.b", new Shape(d), Init.ZEROS, false));
            specs.add(new ParameterSpec(p + "attn.qkv.w", new Shape(d, 3 * d), Init.NORMAL, true));
            specs.add(new ParameterSpec(p + "attn.qkv.b", new Shape(3 * d), Init.ZEROS, false));
            specs.add(new ParameterSpec(p + "attn.proj.w", new Shape(d, d), Init.RESIDUAL, true));
            specs.add(new ParameterSpec(p + "attn.proj.b", new Shape(d), Init.ZEROS, false));
            specs.add(new ParameterSpec(p + "ln2.g", new Shape(d), Init.ONES, false));
            specs.add(new ParameterSpec(p + "ln2.b", new Shape(d), Init.ZEROS, false));
            specs.add(new ParameterSpec(p + "mlp.fc.w", new Shape(d, hidden), Init.NORMAL, true));
            specs.add(new ParameterSpec(p + "mlp.fc.b", new Shape(hidden), Init.ZEROS, false));
            specs.add(new ParameterSpec(p + "mlp.proj.w", new Shape(hidden, d), Init.RESIDUAL, true));
            specs.add(new ParameterSpec(p + "mlp.proj.b", new Shape(d), Init.ZEROS, false));
        }
        specs.add(new ParameterSpec("ln_f.g", new Shape(d), Init.ONES, false));
        specs.add(new ParameterSpec("ln_f.b", new Shape(d), Init.ZEROS, false));
        return specs;
    }

    /** One pre-norm block. */
    private record Layer(NDArray norm1Gain, NDArray norm1Bias, NDArray qkvWeight, NDArray qkvBias,
            NDArray projWeight, NDArray projBias, NDArray norm2Gain, NDArray norm2Bias, NDArray fcWeight,
            NDArray fcBias, NDArray outWeight, NDArray outBias) {

        NDArray forward(NDArray x, NDArray mask, KvCache.LayerCache cache, ModelConfig config) {
            Shape shape = x.getShape();
            long batch = shape.get(0);
            long length = shape.get(1);
            int heads = config.heads();
            int headWidth = config.headWidth();
            Shape normalized = new Shape(config.width());

            NDArray a = LayerNorm.layerNorm(x, normalized, norm1Gain, norm1Bias, 1e-5f).singletonOrThrow();
            NDList qkv = a.matMul(qkvWeight).add(qkvBias).split(3, 2);
            NDArray q = splitHeads(qkv.get(0), batch, length, heads, headWidth);
            NDArray k = splitHeads(qkv.get(1), batch, length, heads, headWidth);
            NDArray v = splitHeads(qkv.get(2), batch, length, heads, headWidth);
            if (cache != null) {
                k = cache.appendKeys(k);
                v = cache.appendValues(v);
            }
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headWidth)).add(mask);
            NDArray attended = scores.softmax(-1).matMul(v)
                    .transpose(0, 2, 1, 3).reshape(batch, length, config.width());
            x = x.add(attended.matMul(projWeight).add(projBias));

            NDArray m = LayerNorm.layerNorm(x, normalized, norm2Gain, norm2Bias, 1e-5f).singletonOrThrow();
            NDArray hidden = Activation.gelu(m.matMul(fcWeight).add(fcBias));
            return x.add(hidden.matMul(outWeight).add(outBias));
        }

        private static NDArray splitHeads(NDArray t, long batch, long length, int heads, int headWidth) {
            return t.reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
        }
    }
}
