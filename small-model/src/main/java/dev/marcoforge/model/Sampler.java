package dev.marcoforge.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Samples answers with a KV cache: the prompts run once (left-padded into one batch, each row with its own
 * positions), then each step runs one new token per row. All prompts times {@code n} answers go as one batch.
 * An answer ends at {@code <|end|>} or {@code <|eos|>}, at a stop string, at {@code maxTokens}, or when the context
 * is full.
 */
public final class Sampler {

    /** Receives answer text as it is sampled (with stop strings held back until they are ruled out). */
    @FunctionalInterface
    public interface TextSink {
        void accept(int promptIndex, int answerIndex, String delta);

        TextSink NONE = (p, a, d) -> { };
    }

    private final TransformerModel model;

    public Sampler(TransformerModel model) {
        this.model = model;
    }

    public List<Completion> generate(int[] prompt, SamplingOptions options) {
        return generate(List.of(prompt), options, TextSink.NONE).get(0);
    }

    /** For each prompt, its {@code n} answers. */
    public List<List<Completion>> generate(List<int[]> prompts, SamplingOptions options, TextSink sink) {
        return generate(prompts, options, sink, () -> false);
    }

    /**
     * For each prompt, its {@code n} answers; {@code cancelled} is asked before every step, and when it says yes
     * the sampling stops with {@link Cancelled}.
     */
    public List<List<Completion>> generate(List<int[]> prompts, SamplingOptions options, TextSink sink,
            java.util.function.BooleanSupplier cancelled) {
        int context = model.config().contextLength();
        int n = options.n();
        int rows = prompts.size() * n;
        int longest = 0;
        for (int i = 0; i < prompts.size(); i++) {
            int length = prompts.get(i).length;
            if (length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty");
            }
            if (length >= context) {
                throw new IllegalArgumentException("a prompt of " + length + " tokens leaves no room in the model's "
                        + "context of " + context + " tokens");
            }
            longest = Math.max(longest, length);
        }
        Row[] state = new Row[rows];
        long baseSeed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong();
        for (int r = 0; r < rows; r++) {
            int promptIndex = r / n;
            int promptLength = prompts.get(promptIndex).length;
            int budget = Math.min(options.maxTokens(), context - promptLength);
            state[r] = new Row(promptIndex, r % n, promptLength, longest - promptLength, budget,
                    new SplittableRandom(baseSeed + 0x9E3779B97F4A7C15L * r), options.stop());
        }

        NDManager manager = NDManager.newBaseManager();
        try (manager; KvCache cache = model.newCache()) {
            long[] ids = new long[rows * longest];
            long[] positions = new long[rows * longest];
            float[] keyMask = new float[rows * longest];
            for (int r = 0; r < rows; r++) {
                int[] prompt = prompts.get(state[r].promptIndex);
                int pad = state[r].padding;
                for (int t = 0; t < longest; t++) {
                    int at = r * longest + t;
                    if (t < pad) {
                        ids[at] = ChatTokenizer.PAD;
                        keyMask[at] = TransformerModel.MASKED;
                    } else {
                        ids[at] = prompt[t - pad];
                        positions[at] = t - pad;
                    }
                }
            }
            float[] logits = run(manager, cache, ids, positions, keyMask, rows, longest);
            float[] masks = keyMask;
            int keys = longest;
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new Cancelled();
                }
                long[] next = new long[rows];
                long[] nextPositions = new long[rows];
                boolean anyActive = false;
                for (int r = 0; r < rows; r++) {
                    Row row = state[r];
                    if (!row.finished) {
                        int token = row.pick(logits, r, options);
                        row.accept(token, sink);
                    }
                    next[r] = row.finished ? ChatTokenizer.PAD : row.lastToken;
                    nextPositions[r] = Math.min(row.promptLength + row.generated - 1, context - 1);
                    anyActive |= !row.finished;
                }
                if (!anyActive) {
                    break;
                }
                float[] grown = new float[rows * (keys + 1)];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(masks, r * keys, grown, r * (keys + 1), keys);
                    grown[r * (keys + 1) + keys] = state[r].finished ? TransformerModel.MASKED : 0f;
                }
                masks = grown;
                keys++;
                logits = run(manager, cache, next, nextPositions, masks, rows, 1);
            }
        }
        List<List<Completion>> answers = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            List<Completion> forPrompt = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                Row row = state[p * n + a];
                forPrompt.add(new Completion(a, row.text.toString(), row.generated, row.finishReason));
            }
            answers.add(forPrompt);
        }
        return answers;
    }

    /** Sampling was stopped by its caller before it finished. */
    public static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("sampling was cancelled", null, false, false);
        }
    }

    private float[] run(NDManager manager, KvCache cache, long[] ids, long[] positions, float[] keyMask, int rows,
            int steps) {
        try (NDScope scope = new NDScope()) {
            NDArray idArray = manager.create(ids, new Shape(rows, steps));
            NDArray positionArray = manager.create(positions, new Shape(rows, steps));
            NDArray maskArray = manager.create(keyMask, new Shape(rows, keyMask.length / rows));
            return model.step(idArray, positionArray, cache, maskArray).toFloatArray();
        }
    }

    /** One answer being sampled. */
    private final class Row {
        final int promptIndex;
        final int answerIndex;
        final int promptLength;
        final int padding;
        final int budget;
        final SplittableRandom random;
        final List<String> stops;
        final Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        final StringBuilder text = new StringBuilder();
        int emitted;
        int generated;
        int lastToken;
        boolean finished;
        String finishReason;

        Row(int promptIndex, int answerIndex, int promptLength, int padding, int budget, SplittableRandom random,
                List<String> stops) {
            this.promptIndex = promptIndex;
            this.answerIndex = answerIndex;
            this.promptLength = promptLength;
            this.padding = padding;
            this.budget = budget;
            this.random = random;
            this.stops = stops;
        }

        int pick(float[] logits, int row, SamplingOptions options) {
            int vocab = model.config().vocabSize();
            int offset = row * vocab;
            // The pad and start tokens are never an answer's next token.
            float best = Float.NEGATIVE_INFINITY;
            int argmax = ChatTokenizer.END;
            for (int v = 0; v < vocab; v++) {
                if (allowed(v) && logits[offset + v] > best) {
                    best = logits[offset + v];
                    argmax = v;
                }
            }
            if (options.temperature() == 0) {
                return argmax;
            }
            double[] weights = new double[vocab];
            Integer[] order = new Integer[vocab];
            double total = 0;
            for (int v = 0; v < vocab; v++) {
                order[v] = v;
                weights[v] = allowed(v) ? Math.exp((logits[offset + v] - best) / options.temperature()) : 0;
                total += weights[v];
            }
            if (!(total > 0) || Double.isInfinite(total)) {
                return argmax;
            }
            if (options.topP() >= 1) {
                double x = random.nextDouble() * total;
                for (int v = 0; v < vocab; v++) {
                    x -= weights[v];
                    if (x <= 0 && weights[v] > 0) {
                        return v;
                    }
                }
                return argmax;
            }
            Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
            double kept = 0;
            int cut = 0;
            while (cut < vocab && (cut == 0 || kept / total < options.topP())) {
                kept += weights[order[cut]];
                cut++;
            }
            double x = random.nextDouble() * kept;
            for (int i = 0; i < cut; i++) {
                x -= weights[order[i]];
                if (x <= 0) {
                    return order[i];
                }
            }
            return order[cut - 1];
        }

        private boolean allowed(int token) {
            return token != ChatTokenizer.PAD && token != ChatTokenizer.BOS;
        }

        void accept(int token, TextSink sink) {
            generated++;
            lastToken = token;
            if (token == ChatTokenizer.END || token == ChatTokenizer.EOS) {
                text.append(decoder.flush());
                finish("stop", text.length(), sink);
                return;
            }
            text.append(decoder.push(token));
            for (String stop : stops) {
                int at = text.indexOf(stop, Math.max(0, emitted - stop.length()));
                if (at >= 0) {
                    finish("stop", at, sink);
                    return;
                }
            }
            if (generated >= budget) {
                text.append(decoder.flush());
                finish("length", text.length(), sink);
                return;
            }
            int safe = text.length() - heldBack();
            if (safe > emitted) {
                sink.accept(promptIndex, answerIndex, text.substring(emitted, safe));
                emitted = safe;
            }
        }

        /** The longest end of the text that could still grow into a stop string. */
        private int heldBack() {
            int hold = 0;
            for (String stop : stops) {
                for (int k = Math.min(stop.length() - 1, text.length()); k > hold; k--) {
                    if (text.substring(text.length() - k).equals(stop.substring(0, k))) {
                        hold = k;
                        break;
                    }
                }
            }
            return hold;
        }

        private void finish(String reason, int end, TextSink sink) {
            text.setLength(end);
            if (end > emitted) {
                sink.accept(promptIndex, answerIndex, text.substring(emitted, end));
                emitted = end;
            }
            finished = true;
            finishReason = reason;
        }
    }
}
