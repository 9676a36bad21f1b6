package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import java.util.List;

/**
 * What two chains of one tree have in common: the path from the root to their lowest common ancestor. Chains of a
 * tree share node ids along their common path, so that path is the longest common prefix of their node ids, and its
 * text (the steps' texts joined) is an exact prefix of both chains' texts. Chains of different trees share nothing.
 *
 * @param steps how many steps the chains share
 * @param text the shared steps' text
 * @param chars its length in Unicode code points
 * @param tokens its length in the data set's tokens
 */
public record SharedPrefix(int steps, String text, int chars, int tokens) {

    public static SharedPrefix of(Chain a, Chain b, TokenCounter tokens) {
        int shared = 0;
        if (a.treeId().equals(b.treeId())) {
            List<ChainStep> x = a.steps();
            List<ChainStep> y = b.steps();
            // The texts are compared too, so even a producer that reused a node id for another text cannot make the
            // prefix anything but an exact common prefix.
            while (shared < x.size() && shared < y.size() && x.get(shared).nodeId().equals(y.get(shared).nodeId())
                    && x.get(shared).text().equals(y.get(shared).text())) {
                shared++;
            }
        }
        StringBuilder text = new StringBuilder();
        for (ChainStep step : a.steps().subList(0, shared)) {
            text.append(step.text());
        }
        String prefix = text.toString();
        return new SharedPrefix(shared, prefix, prefix.codePointCount(0, prefix.length()), tokens.count(prefix));
    }
}
