package dev.marcoforge.model;

import ai.djl.ndarray.NDArray;

/**
 * The training objectives, on log-probabilities of the target tokens.
 *
 * <ul>
 * <li>SFT: the mean negative log-likelihood over the tokens whose mask is 1 (the assistant's).</li>
 * <li>DPO (Rafailov et al.) with label smoothing, cDPO: with Δ = (log π(c) − log π_ref(c)) − (log π(r) − log π_ref(r)),
 * L = −(1−ε)·log σ(βΔ) − ε·log σ(−βΔ); ε = 0 is plain DPO.</li>
 * <li>The joint objective of Marco-o1 v2: L = L_DPO + α·L_SFT on the chosen chain.</li>
 * </ul>
 * The shared-prefix mask is applied where the sequence log-probabilities are summed: a masked token adds nothing
 * to either chain's sum, so the prefix two chains share cannot pull them apart.
 */
public final class Losses {

    private Losses() {
    }

    /** log p(target) at every position: logits [batch, length, vocab], targets [batch, length] → [batch, length]. */
    public static NDArray tokenLogProbs(NDArray logits, NDArray targets) {
        return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
    }

    /** Σ over the positions whose mask is 1: [batch, length] → [batch]. */
    public static NDArray sequenceLogProbs(NDArray tokenLogProbs, NDArray mask) {
        return tokenLogProbs.mul(mask).sum(new int[] {1});
    }

    /** The mean negative log-likelihood of the masked tokens (a scalar); 0 when the mask is empty. */
    public static NDArray sft(NDArray tokenLogProbs, NDArray mask) {
        NDArray count = mask.sum().maximum(1f);
        return tokenLogProbs.mul(mask).sum().neg().div(count);
    }

    /**
     * The (c)DPO loss averaged over the batch; all inputs are sequence log-probabilities [batch].
     * {@code epsilon} = 0 gives plain DPO.
     */
    public static NDArray dpo(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen,
            NDArray referenceRejected, float beta, float epsilon) {
        NDArray z = margin(policyChosen, policyRejected, referenceChosen, referenceRejected).mul(beta);
        NDArray loss = logSigmoid(z).mul(-(1f - epsilon));
        if (epsilon != 0f) {
            loss = loss.sub(logSigmoid(z.neg()).mul(epsilon));
        }
        return loss.mean();
    }

    /** L_DPO + α·L_SFT. */
    public static NDArray joint(NDArray dpoLoss, NDArray sftLoss, float alpha) {
        return alpha == 0f ? dpoLoss : dpoLoss.add(sftLoss.mul(alpha));
    }

    /** Δ of the DPO loss, per pair: the implicit reward margin before β. */
    public static NDArray margin(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen,
            NDArray referenceRejected) {
        return policyChosen.sub(referenceChosen).sub(policyRejected.sub(referenceRejected));
    }

    /** log σ(z) = min(z, 0) − log(1 + e^{−|z|}), without overflow for large |z|. */
    static NDArray logSigmoid(NDArray z) {
        return z.minimum(0f).sub(z.abs().neg().exp().add(1f).log());
    }
}
