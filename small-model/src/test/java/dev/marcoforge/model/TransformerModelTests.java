package dev.marcoforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerModelTests {

    static final ModelConfig TINY = new ModelConfig(ChatTokenizer.VOCAB_SIZE, 64, 32, 2, 4, 4);

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        ModelRuntime.engine();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        try (TransformerModel a = TransformerModel.initialize(TINY, 7, manager);
                TransformerModel b = TransformerModel.initialize(TINY, 7, manager);
                TransformerModel c = TransformerModel.initialize(TINY, 8, manager)) {
            float[] logitsA = logits(a, new long[] {257, 260, 65, 66});
            assertThat(logits(b, new long[] {257, 260, 65, 66})).containsExactly(logitsA);
            assertThat(logits(c, new long[] {257, 260, 65, 66})).isNotEqualTo(logitsA);
        }
    }

    @Test
    void attentionIsCausal() {
        try (TransformerModel model = TransformerModel.initialize(TINY, 1, manager)) {
            float[] first = logits(model, new long[] {257, 260, 65, 66});
            float[] changedLast = logits(model, new long[] {257, 260, 65, 90});
            int vocab = TINY.vocabSize();
            // Positions 0..2 cannot see the last token: their logits are unchanged, the last one's are not.
            for (int i = 0; i < 3 * vocab; i++) {
                assertThat(changedLast[i]).isCloseTo(first[i], within(1e-5f));
            }
            assertThat(java.util.Arrays.copyOfRange(changedLast, 3 * vocab, 4 * vocab))
                    .isNotEqualTo(java.util.Arrays.copyOfRange(first, 3 * vocab, 4 * vocab));
        }
    }

    @Test
    void aCheckpointLoadsBackWithIdenticalLogits(@TempDir Path dir) throws Exception {
        long[] ids = {257, 260, 104, 105, 262, 261};
        try (TransformerModel model = TransformerModel.initialize(TINY, 3, manager)) {
            Checkpoint.save(model, dir, Map.of("method", "test"));
            try (TransformerModel loaded = Checkpoint.load(dir, manager)) {
                assertThat(loaded.config()).isEqualTo(TINY);
                assertThat(logits(loaded, ids)).containsExactly(logits(model, ids));
            }
        }
        assertThat(Checkpoint.metadata(dir).path("method").asText()).isEqualTo("test");
        assertThat(Files.readString(dir.resolve(Checkpoint.TOKENIZER))).contains("byte-chat-v1", "<|assistant|>");
    }

    @Test
    void aLoadedCheckpointKeepsItsWeightsThroughGarbageCollectionAndTraining(@TempDir Path dir) {
        long[] ids = {257, 260, 104, 105, 262, 261};
        float[] expected;
        try (TransformerModel model = TransformerModel.initialize(TINY, 9, manager)) {
            Checkpoint.save(model, dir, Map.of());
            expected = logits(model, ids);
        }
        try (TransformerModel loaded = Checkpoint.load(dir, manager)) {
            for (int i = 0; i < 5; i++) {
                byte[][] garbage = new byte[64][];
                for (int j = 0; j < garbage.length; j++) {
                    garbage[j] = new byte[1 << 20];
                }
                System.gc();
            }
            assertThat(logits(loaded, ids)).containsExactly(expected);
            // Training updates the loaded weights in place; they must stay finite and usable.
            var examples = List.of(ChatTokenizer.instance().encodeAnswer(List.of(ChatTurn.user("q")), "a"));
            var result = new dev.marcoforge.model.train.Trainer(loaded).sft(examples,
                    dev.marcoforge.model.train.TrainingOptions.defaults().withSteps(20), s -> { }, () -> false);
            assertThat(result.skippedSteps()).isZero();
            System.gc();
            float[] after = logits(loaded, ids);
            for (float value : after) {
                assertThat(Float.isFinite(value)).isTrue();
            }
        }
    }

    @Test
    void weightsThatDoNotFitTheConfigAreRefusedByName(@TempDir Path dir) {
        try (TransformerModel model = TransformerModel.initialize(TINY, 3, manager)) {
            Checkpoint.save(model, dir, Map.of());
        }
        new ModelConfig(ChatTokenizer.VOCAB_SIZE, 64, 32, 3, 4, 4).write(dir.resolve(Checkpoint.CONFIG));
        assertThatThrownBy(() -> Checkpoint.load(dir, manager)).hasMessageContaining("missing h2.ln1.g");
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("nowhere"), manager))
                .hasMessageContaining("no checkpoint folder");
    }

    @Test
    void tooLongSequencesAreRefused() {
        try (TransformerModel model = TransformerModel.initialize(TINY, 3, manager); NDScope scope = new NDScope()) {
            NDArray ids = manager.zeros(new Shape(1, 65), ai.djl.ndarray.types.DataType.INT64);
            assertThatThrownBy(() -> model.logits(ids)).hasMessageContaining("exceeds the model's context of 64");
        }
    }

    @Test
    void theKvCacheGivesTheSameLogitsAsTheFullPass() {
        long[] ids = {257, 260, 104, 105, 262, 261, 120};
        try (TransformerModel model = TransformerModel.initialize(TINY, 5, manager)) {
            float[] full = logits(model, ids);
            int vocab = TINY.vocabSize();
            try (KvCache cache = model.newCache(); NDScope scope = new NDScope()) {
                // Prefill four tokens, then feed the rest one by one.
                NDArray last = model.step(manager.create(new long[] {257, 260, 104, 105}, new Shape(1, 4)),
                        manager.create(new long[] {0, 1, 2, 3}, new Shape(1, 4)), cache, null);
                assertClose(last.toFloatArray(), full, 3 * vocab, vocab);
                for (int t = 4; t < ids.length; t++) {
                    last = model.step(manager.create(new long[] {ids[t]}, new Shape(1, 1)),
                            manager.create(new long[] {t}, new Shape(1, 1)), cache, null);
                    assertClose(last.toFloatArray(), full, t * vocab, vocab);
                }
                assertThat(cache.length()).isEqualTo(ids.length);
            }
        }
    }

    @Test
    void leftPaddedBatchesSampleLikeSinglePrompts() {
        List<int[]> prompts = List.of(new int[] {257, 260, 97, 262, 261}, new int[] {257, 260, 98, 99, 100, 101,
                262, 261});
        try (TransformerModel model = TransformerModel.initialize(TINY, 11, manager)) {
            Sampler sampler = new Sampler(model);
            SamplingOptions greedy = SamplingOptions.greedy(12);
            var batched = sampler.generate(prompts, greedy, Sampler.TextSink.NONE);
            for (int p = 0; p < prompts.size(); p++) {
                assertThat(batched.get(p).get(0).text()).isEqualTo(sampler.generate(prompts.get(p), greedy).get(0)
                        .text());
            }
            assertThat(batched.get(0).get(0).completionTokens()).isBetween(1, 12);
        }
    }

    @Test
    void seededSamplingRepeatsAndGivesNAnswers() {
        int[] prompt = {257, 260, 97, 262, 261};
        try (TransformerModel model = TransformerModel.initialize(TINY, 11, manager)) {
            Sampler sampler = new Sampler(model);
            SamplingOptions options = new SamplingOptions(1.0, 0.95, 1234L, 16, List.of(), 3);
            List<Completion> first = sampler.generate(prompt, options);
            List<Completion> again = sampler.generate(prompt, options);
            assertThat(first).hasSize(3);
            assertThat(first).isEqualTo(again);
            // An untrained model spreads its probability: three samples of 16 tokens are not all the same.
            assertThat(first.stream().map(Completion::text).distinct().count()).isGreaterThan(1);
            assertThat(first).allMatch(c -> c.finishReason().equals("length") || c.finishReason().equals("stop"));
        }
    }

    @Test
    void stopStringsEndTheAnswerBeforeThemAndAreNeverStreamed() {
        int[] prompt = {257, 260, 97, 262, 261};
        try (TransformerModel model = TransformerModel.initialize(TINY, 11, manager)) {
            Sampler sampler = new Sampler(model);
            String full = sampler.generate(prompt, SamplingOptions.greedy(30)).get(0).text();
            assertThat(full.length()).isGreaterThan(4);
            String stop = full.substring(2, 4);
            StringBuilder streamed = new StringBuilder();
            var answer = sampler.generate(List.of(prompt), new SamplingOptions(0, 1, 0L, 30, List.of(stop), 1),
                    (p, a, delta) -> streamed.append(delta)).get(0).get(0);
            assertThat(answer.finishReason()).isEqualTo("stop");
            assertThat(answer.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
            assertThat(streamed.toString()).isEqualTo(answer.text());
        }
    }

    private static void assertClose(float[] actual, float[] full, int offset, int length) {
        for (int i = 0; i < length; i++) {
            assertThat(actual[i]).isCloseTo(full[offset + i], within(2e-4f));
        }
    }

    static float[] logits(TransformerModel model, long[] ids) {
        return logits(manager, model, ids);
    }

    static float[] logits(NDManager arrays, TransformerModel model, long[] ids) {
        try (NDScope scope = new NDScope()) {
            return model.logits(arrays.create(ids, new Shape(1, ids.length))).toFloatArray();
        }
    }
}
