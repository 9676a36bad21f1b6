package dev.marcoforge.launcher.evaluation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of an evaluation: pass@k, whether an output holds an answer at all, and restart markers. */
public final class EvalMetrics {

    /** Words a model uses when it starts its reasoning over ("Wait, ...", "Hmm, ..."), as the paper counts them. */
    private static final Pattern RESTART = Pattern.compile("(?i)\\b(wait|hmm|hold on)\\b");
    private static final Pattern ANSWER_NODE = Pattern.compile("(?s)<answer>.*?</answer>");
    private static final Pattern ANSWER = Pattern.compile("(?s)<answer>.*?</answer>|\\\\boxed\\{");

    private EvalMetrics() {
    }

    /**
     * The unbiased pass@k estimator of Chen et al. (2021) from {@code n} samples with {@code c} correct:
     * 1 - C(n-c, k) / C(n, k), computed as a product to stay exact for large n.
     */
    public static double passAtK(int n, int c, int k) {
        if (k > n) {
            throw new IllegalArgumentException("pass@" + k + " needs at least " + k + " samples, got " + n);
        }
        if (n - c < k) {
            return 1.0;
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    /** The mean of pass@k over problems, each given as {samples, correct}. */
    public static double meanPassAtK(List<int[]> problems, int k) {
        return problems.stream().mapToDouble(p -> passAtK(p[0], p[1], k)).average().orElse(0);
    }

    /** Whether the output gives an answer at all: an {@code <answer>} tag pair or a boxed answer. */
    public static boolean hasAnswer(String output) {
        return output != null && ANSWER.matcher(output).find();
    }

    /**
     * What the evaluator judges: the last {@code <answer>...</answer>} node, as the search hands its answer nodes to
     * the verifier (the reference's letter-count rule rejects text with more than two tags); the whole output when
     * it has no answer tag (a bare boxed answer).
     */
    public static String answerPart(String output) {
        Matcher matcher = ANSWER_NODE.matcher(output);
        String last = null;
        while (matcher.find()) {
            last = matcher.group();
        }
        return last != null ? last : output;
    }

    public static int restartMarkers(String output) {
        if (output == null) {
            return 0;
        }
        Matcher matcher = RESTART.matcher(output);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
