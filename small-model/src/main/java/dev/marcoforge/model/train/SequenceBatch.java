package dev.marcoforge.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.marcoforge.model.ChatTokenizer;
import java.util.List;

/**
 * Sequences as next-token training tensors, right-padded to the longest: {@code inputs} = tokens 0..n-2,
 * {@code targets} = tokens 1..n-1, and {@code mask} (1 where the target counts; padding never does).
 */
record SequenceBatch(NDArray inputs, NDArray targets, NDArray mask, long tokens) {

    /** Just the [rows, length] mask of {@link #of} for other target masks of the same sequences. */
    static NDArray mask(NDManager manager, List<int[]> sequences, List<float[]> targetMasks) {
        int length = longestInput(sequences);
        float[] mask = new float[sequences.size() * length];
        for (int r = 0; r < sequences.size(); r++) {
            float[] rowMask = targetMasks.get(r);
            System.arraycopy(rowMask, 0, mask, r * length, rowMask.length);
        }
        return manager.create(mask, new Shape(sequences.size(), length));
    }

    private static int longestInput(List<int[]> sequences) {
        int length = 0;
        for (int[] sequence : sequences) {
            length = Math.max(length, sequence.length - 1);
        }
        return length;
    }

    static SequenceBatch of(NDManager manager, List<int[]> sequences, List<float[]> targetMasks) {
        int rows = sequences.size();
        int length = longestInput(sequences);
        long[] inputs = new long[rows * length];
        long[] targets = new long[rows * length];
        float[] mask = new float[rows * length];
        java.util.Arrays.fill(inputs, ChatTokenizer.PAD);
        java.util.Arrays.fill(targets, ChatTokenizer.PAD);
        long tokens = 0;
        for (int r = 0; r < rows; r++) {
            int[] sequence = sequences.get(r);
            float[] rowMask = targetMasks.get(r);
            for (int t = 0; t < sequence.length - 1; t++) {
                inputs[r * length + t] = sequence[t];
                targets[r * length + t] = sequence[t + 1];
                mask[r * length + t] = rowMask[t];
            }
            tokens += sequence.length - 1;
        }
        Shape shape = new Shape(rows, length);
        return new SequenceBatch(manager.create(inputs, shape), manager.create(targets, shape),
                manager.create(mask, shape), tokens);
    }
}
