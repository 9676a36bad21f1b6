package dev.marcoforge.sandbox.simulation;

import java.util.SplittableRandom;

/**
 * The probabilities at one token position: the chosen token's and the {@link #ALTERNATIVES} next most likely
 * ones'. Built so that the Marco-o1 confidence of the chosen token, its probability over the sum of the five most
 * likely tokens' probabilities, is exactly a value drawn for the token's {@link Doubt}, whatever number of
 * alternatives a client asks for.
 *
 * @param chosen       probability of the chosen token
 * @param alternatives probabilities of the other tokens, most likely first, all below the fourth
 *                     alternative's from the fifth on; together with {@code chosen} they sum to less than 1
 */
record TokenDistribution(double chosen, double[] alternatives) {

    /** OpenAI's largest {@code top_logprobs}, chosen token included. */
    static final int TOP = 20;
    static final int ALTERNATIVES = TOP - 1;
    /** The Marco-o1 confidence normalises over this many most likely tokens: the chosen one and four others. */
    private static final int CONFIDENCE_WINDOW_ALTERNATIVES = 4;

    static TokenDistribution draw(Doubt doubt, SplittableRandom random) {
        double confidence = confidence(doubt, random);
        // Alternatives fall off geometrically; doubt flattens the fall-off, as a model torn between options does.
        double ratio = doubt == Doubt.SURE ? between(random, 0.15, 0.45) : between(random, 0.3, 0.6);
        double[] weights = new double[ALTERNATIVES];
        double windowSum = 0;
        for (int i = 0; i < CONFIDENCE_WINDOW_ALTERNATIVES; i++) {
            weights[i] = Math.pow(ratio, i);
            windowSum += weights[i];
        }
        for (int i = 0; i < CONFIDENCE_WINDOW_ALTERNATIVES; i++) {
            weights[i] *= (1 - confidence) / windowSum;
        }
        // Beyond the window the tail keeps falling below the window's smallest alternative.
        double tailRatio = between(random, 0.5, 0.85);
        double tailSum = 0;
        for (int i = CONFIDENCE_WINDOW_ALTERNATIVES; i < ALTERNATIVES; i++) {
            weights[i] = weights[i - 1] * tailRatio;
            tailSum += weights[i];
        }
        // Some probability always lies outside the top 20, more so where the writer is unsure.
        double outside = doubt == Doubt.SURE ? between(random, 0.001, 0.02) : between(random, 0.01, 0.08);
        // The chosen token and the window's alternatives weigh 1 together; the tail comes on top.
        double scale = (1 - outside) / (1 + tailSum);
        double[] alternatives = new double[ALTERNATIVES];
        for (int i = 0; i < ALTERNATIVES; i++) {
            alternatives[i] = weights[i] * scale;
        }
        return new TokenDistribution(confidence * scale, alternatives);
    }

    /**
     * The chosen token's share of the five most likely tokens. Sure tokens sit mostly at 0.85-0.99 with an
     * occasional hesitation; in a shaken step they waver; on a wrong figure an alternative (for a count off by
     * one, often the right count) may even be more likely than the chosen token.
     */
    private static double confidence(Doubt doubt, SplittableRandom random) {
        switch (doubt) {
            case WRONG_CLAIM:
                return between(random, 0.3, 0.6);
            case SHAKEN_STEP:
                return between(random, 0.62, 0.9);
            default:
                return random.nextInt(25) == 0 ? between(random, 0.6, 0.85) : 0.85 + 0.14 * Math.sqrt(random.nextDouble());
        }
    }

    private static double between(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
