package dev.marcoforge.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): the decay shrinks the weight directly instead of
 * joining the gradient, and applies only to the named matrices (never to biases, norms or embeddings).
 */
final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Set<String> decayed;
    private final Map<String, NDArray> firstMoments = new HashMap<>();
    private final Map<String, NDArray> secondMoments = new HashMap<>();
    private int step;

    AdamW(NDManager parent, double beta1, double beta2, double epsilon, double weightDecay, Set<String> decayed) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = decayed;
    }

    /** One update of every parameter from its gradient (call outside a gradient collector). */
    void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double learningRate) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        for (var entry : parameters.entrySet()) {
            String name = entry.getKey();
            NDArray weight = entry.getValue();
            NDArray gradient = gradients.get(name);
            NDArray m = firstMoments.computeIfAbsent(name, k -> detached(weight));
            NDArray v = secondMoments.computeIfAbsent(name, k -> detached(weight));
            m.muli(beta1).addi(gradient.mul(1 - beta1));
            v.muli(beta2).addi(gradient.square().mul(1 - beta2));
            NDArray update = m.div(correction1).div(v.div(correction2).sqrt().add(epsilon));
            if (weightDecay > 0 && decayed.contains(name)) {
                weight.muli(1 - learningRate * weightDecay);
            }
            weight.subi(update.mul(learningRate));
        }
    }

    private NDArray detached(NDArray like) {
        NDArray zeros = manager.zeros(like.getShape(), like.getDataType());
        ai.djl.ndarray.NDScope.unregister(zeros);
        return zeros;
    }

    @Override
    public void close() {
        manager.close();
    }
}
