package dev.marcoforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.marcoforge.model.train.PreferenceExample;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The objectives against values worked out by hand on tiny tensors. */
class LossesTests {

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
    void tokenLogProbsPickTheTargetsLogSoftmax() {
        // logits (0, ln 2, 0) are probabilities (1/4, 1/2, 1/4).
        float ln2 = (float) Math.log(2);
        NDArray logits = manager.create(new float[] {0, ln2, 0, 0, ln2, 0}, new Shape(1, 2, 3));
        NDArray targets = manager.create(new long[] {1, 2}, new Shape(1, 2));
        float[] logProbs = Losses.tokenLogProbs(logits, targets).toFloatArray();
        assertThat(logProbs[0]).isCloseTo((float) Math.log(0.5), within(1e-6f));
        assertThat(logProbs[1]).isCloseTo((float) Math.log(0.25), within(1e-6f));
    }

    @Test
    void sftIsTheMeanNegativeLogLikelihoodOfTheMaskedTokensOnly() {
        NDArray logProbs = manager.create(new float[] {-1, -2, -3, -4}, new Shape(2, 2));
        NDArray mask = manager.create(new float[] {0, 1, 1, 1}, new Shape(2, 2));
        // (2 + 3 + 4) / 3; the unmasked -1 must not count.
        assertThat(Losses.sft(logProbs, mask).getFloat()).isCloseTo(3f, within(1e-6f));
    }

    @Test
    void dpoMatchesTheHandComputedLoss() {
        // Pair 1: Δ = (-1 - -1.5) - (-2 - -1.5) = 1, βΔ = 0.5, loss = log(1 + e^-0.5) = 0.4740770.
        // Pair 2: Δ = (-3 - -2) - (-1 - -2) = -2, βΔ = -1, loss = log(1 + e^1) = 1.3132617.
        float loss = Losses.dpo(arr(-1, -3), arr(-2, -1), arr(-1.5f, -2), arr(-1.5f, -2), 0.5f, 0f).getFloat();
        assertThat(loss).isCloseTo((0.4740770f + 1.3132617f) / 2, within(1e-5f));
    }

    @Test
    void cdpoSmoothsTheLabelsWithEpsilon() {
        // ε = 0.1 on pair 1: 0.9·log(1 + e^-0.5) + 0.1·log(1 + e^0.5) = 0.9·0.4740770 + 0.1·0.9740770 = 0.5240770.
        float loss = Losses.dpo(arr(-1), arr(-2), arr(-1.5f), arr(-1.5f), 0.5f, 0.1f).getFloat();
        assertThat(loss).isCloseTo(0.5240770f, within(1e-5f));
        float plain = Losses.dpo(arr(-1), arr(-2), arr(-1.5f), arr(-1.5f), 0.5f, 0f).getFloat();
        assertThat(plain).isCloseTo(0.4740770f, within(1e-5f));
    }

    @Test
    void jointLossAddsAlphaTimesTheSftLoss() {
        NDArray dpo = manager.create(0.4740770f);
        NDArray sft = manager.create(2.0f);
        assertThat(Losses.joint(dpo, sft, 0.2f).getFloat()).isCloseTo(0.8740770f, within(1e-6f));
        assertThat(Losses.joint(dpo, sft, 0f).getFloat()).isCloseTo(0.4740770f, within(1e-6f));
    }

    @Test
    void logSigmoidStaysFiniteForLargeMargins() {
        float[] values = Losses.logSigmoid(arr(-200f, 200f)).toFloatArray();
        assertThat(values[0]).isCloseTo(-200f, within(1e-3f));
        assertThat(values[1]).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void theSharedPrefixMaskRemovesExactlyThePrefixTokensTerms() {
        List<ChatTurn> prompt = List.of(ChatTurn.user("q"));
        PreferenceExample pair = PreferenceExample.of(prompt, "ab|yes", "ab|no!", "ab|");
        assertThat(pair.sharedPrefixTokens()).isEqualTo(3);
        float[] unmasked = PreferenceExample.targetMask(pair.chosen(), pair.answerStart(), 0);
        float[] masked = PreferenceExample.targetMask(pair.chosen(), pair.answerStart(), pair.sharedPrefixTokens());

        // Arbitrary distinct per-token log-probabilities: the masked sum must differ from the full sum by exactly
        // the three prefix tokens' terms, and by nothing else.
        int targets = pair.chosen().length() - 1;
        float[] logProbs = new float[targets];
        for (int t = 0; t < targets; t++) {
            logProbs[t] = -(t + 1) * 0.5f;
        }
        NDArray tokenLogProbs = manager.create(logProbs, new Shape(1, targets));
        float full = Losses.sequenceLogProbs(tokenLogProbs, manager.create(unmasked, new Shape(1, targets)))
                .getFloat();
        float withoutPrefix = Losses.sequenceLogProbs(tokenLogProbs, manager.create(masked, new Shape(1, targets)))
                .getFloat();
        // Targets t predict position t + 1; the answer starts at answerStart, so its first three tokens are the
        // targets answerStart-1 .. answerStart+1.
        int first = pair.answerStart() - 1;
        float prefixTerms = logProbs[first] + logProbs[first + 1] + logProbs[first + 2];
        assertThat(full - withoutPrefix).isCloseTo(prefixTerms, within(1e-4f));
        // The answer is 6 bytes + <|end|>: 7 targets unmasked, 4 with the prefix masked.
        assertThat(sum(unmasked)).isEqualTo(7f);
        assertThat(sum(masked)).isEqualTo(4f);
    }

    private static NDArray arr(float... values) {
        return manager.create(values);
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
