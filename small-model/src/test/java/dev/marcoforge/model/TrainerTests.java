package dev.marcoforge.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.marcoforge.model.ChatTokenizer.EncodedChat;
import dev.marcoforge.model.train.PreferenceExample;
import dev.marcoforge.model.train.StepMetrics;
import dev.marcoforge.model.train.Trainer;
import dev.marcoforge.model.train.TrainingOptions;
import dev.marcoforge.model.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerTests {

    private static final ChatTokenizer TOKENIZER = ChatTokenizer.instance();
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
    void aShortSftRunLowersTheLossAndTeachesTheAnswers() {
        List<EncodedChat> examples = new ArrayList<>();
        String[][] pairs = {{"cat", "<answer>1</answer>"}, {"dog", "<answer>2</answer>"},
                {"owl", "<answer>3</answer>"}, {"bee", "<answer>4</answer>"}};
        for (String[] pair : pairs) {
            examples.add(TOKENIZER.encodeAnswer(List.of(ChatTurn.user(pair[0])), pair[1]));
        }
        List<StepMetrics> steps = new ArrayList<>();
        try (TransformerModel model = TransformerModel.initialize(TransformerModelTests.TINY, 21, manager)) {
            TrainingOptions options = TrainingOptions.defaults().withSteps(300).withBatchSize(4)
                    .withLearningRate(3e-3, 10);
            TrainingResult result = new Trainer(model).sft(examples, options, steps::add, () -> false);
            assertThat(result.steps()).isEqualTo(300);
            assertThat(result.skippedSteps()).isZero();
            double firstLoss = steps.get(0).loss();
            assertThat(result.finalLoss()).isLessThan(firstLoss * 0.2);
            assertThat(steps.get(0).tokensPerSecond()).isPositive();
            assertThat(steps).allMatch(s -> s.sftLoss() == null && s.rewardMargin() == null);
            // The answers are learned: greedy sampling reproduces them.
            Sampler sampler = new Sampler(model);
            for (String[] pair : pairs) {
                int[] prompt = TOKENIZER.encodeChat(List.of(ChatTurn.user(pair[0])), true).ids();
                assertThat(sampler.generate(prompt, SamplingOptions.greedy(30)).get(0).text()).isEqualTo(pair[1]);
            }
        }
    }

    @Test
    void dpoWidensTheRewardMarginAgainstTheFrozenReference() {
        List<ChatTurn> prompt = List.of(ChatTurn.user("count r in rr"));
        List<PreferenceExample> pairs = List.of(
                PreferenceExample.of(prompt, "<thinking>r r</thinking><answer>2</answer>",
                        "<thinking>r r</thinking><answer>3</answer>", "<thinking>r r</thinking>"),
                PreferenceExample.of(List.of(ChatTurn.user("count a in aaa")), "<answer>3</answer>",
                        "<answer>1</answer>", ""));
        List<StepMetrics> steps = new ArrayList<>();
        try (TransformerModel model = TransformerModel.initialize(TransformerModelTests.TINY, 4, manager);
                TransformerModel reference = model.copy(manager)) {
            TrainingOptions options = TrainingOptions.defaults().withSteps(30).withBatchSize(2)
                    .withLearningRate(1e-3, 0).withPreference(0.5, 0.1, 0.2, true);
            TrainingResult result = new Trainer(model).dpo(reference, pairs, options, steps::add, () -> false);
            assertThat(result.steps()).isEqualTo(30);
            // Policy = reference at the start: margin 0 and loss log 2 (+ α·SFT).
            assertThat(steps.get(0).rewardMargin()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(steps.get(steps.size() - 1).rewardMargin()).isGreaterThan(1.0);
            assertThat(steps.get(0).sftLoss()).isPositive();
            assertThat(steps.get(steps.size() - 1).chosenLogProb())
                    .isGreaterThan(steps.get(steps.size() - 1).rejectedLogProb());
            // The reference stayed frozen.
            assertThat(TransformerModelTests.logits(manager, reference, new long[] {257, 260, 99}))
                    .isNotEqualTo(TransformerModelTests.logits(manager, model, new long[] {257, 260, 99}));
        }
    }

    @Test
    void aNonFiniteLossSkipsTheStepWithoutAnUpdate() {
        List<EncodedChat> examples = List.of(TOKENIZER.encodeAnswer(List.of(ChatTurn.user("x")), "y"));
        try (TransformerModel model = TransformerModel.initialize(TransformerModelTests.TINY, 2, manager)) {
            model.parameters().get("ln_f.g").set(new ai.djl.ndarray.index.NDIndex(0), Float.NaN);
            float[] before = model.parameters().get("h0.mlp.fc.w").toFloatArray();
            List<StepMetrics> steps = new ArrayList<>();
            TrainingResult result = new Trainer(model).sft(examples, TrainingOptions.defaults().withSteps(3),
                    steps::add, () -> false);
            assertThat(result.skippedSteps()).isEqualTo(3);
            assertThat(steps).allMatch(StepMetrics::skipped);
            assertThat(model.parameters().get("h0.mlp.fc.w").toFloatArray()).containsExactly(before);
        }
    }

    @Test
    void examplesLongerThanTheContextAreLeftOutAndCounted() {
        List<EncodedChat> examples = List.of(TOKENIZER.encodeAnswer(List.of(ChatTurn.user("x")), "y"),
                TOKENIZER.encodeAnswer(List.of(ChatTurn.user("x".repeat(100))), "y"));
        try (TransformerModel model = TransformerModel.initialize(TransformerModelTests.TINY, 2, manager)) {
            TrainingResult result = new Trainer(model).sft(examples, TrainingOptions.defaults().withSteps(2),
                    s -> { }, () -> false);
            assertThat(result.droppedExamples()).isEqualTo(1);
            assertThat(result.steps()).isEqualTo(2);
        }
    }
}
