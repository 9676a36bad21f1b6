package dev.marcoforge.generator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.persistence.SearchNode;
import dev.marcoforge.generator.search.Mcts;
import dev.marcoforge.generator.search.TreeState;
import java.util.ArrayList;
import java.util.List;

/**
 * A tree in the reference implementation's output shapes: the JSON list of nodes in depth-first order (its
 * {@code get_json_dict}, node ids counting from 1 in creation order) and the indented text of its {@code .txt}.
 */
public final class ReferenceTree {

    private ReferenceTree() {
    }

    @JsonPropertyOrder({ "node_id", "node_action_name", "total_reward", "num_visits", "total_children_num",
            "parent_id", "all_path_value", "is_terminal", "node_value", "children_ids", "model_role", "verdict" })
    public record Node(@JsonProperty("node_id") int nodeId, @JsonProperty("node_action_name") String action,
            @JsonProperty("total_reward") Number totalReward, @JsonProperty("num_visits") int visits,
            @JsonProperty("total_children_num") int childrenNum, @JsonProperty("parent_id") Integer parentId,
            @JsonProperty("all_path_value") String allPathValue, @JsonProperty("is_terminal") boolean terminal,
            @JsonProperty("node_value") String nodeValue, @JsonProperty("children_ids") List<Integer> childrenIds,
            @JsonProperty("model_role") String modelRole, @JsonProperty("verdict") Views.VerdictView verdict) {
    }

    public static List<Node> json(TreeState tree, SearchConfig config, String question) {
        List<Node> out = new ArrayList<>();
        if (!tree.isEmpty()) {
            visit(tree, config, question, tree.root(), "", out);
        }
        return out;
    }

    public static String text(TreeState tree, String question) {
        StringBuilder text = new StringBuilder();
        if (!tree.isEmpty()) {
            visitText(tree, question, tree.root(), text);
        }
        return text.toString();
    }

    private static void visit(TreeState tree, SearchConfig config, String question, SearchNode node,
            String parentPath, List<Node> out) {
        boolean root = node.parentId == null;
        String path = root || !config.showsInHistory(node.action) ? parentPath : parentPath + node.text;
        List<SearchNode> children = tree.childrenOf(node.id);
        Views.VerdictView verdict = node.hasVerdict()
                ? new Views.VerdictView(node.verdictCorrect, node.verdictExtracted, node.verdictReason) : null;
        out.add(new Node(idOf(node), node.action, reward(node.totalReward), node.visits, children.size(),
                root ? null : idOf(tree.node(node.parentId)), path, Mcts.isTerminal(node),
                root ? question : node.text, children.stream().map(ReferenceTree::idOf).toList(), node.modelRole,
                verdict));
        children.forEach(child -> visit(tree, config, question, child, path, out));
    }

    private static void visitText(TreeState tree, String question, SearchNode node, StringBuilder text) {
        List<SearchNode> children = tree.childrenOf(node.id);
        String value = node.parentId == null ? question : node.text;
        text.append("    ".repeat(Math.max(0, node.depth - 1)))
                .append("[node_id: ").append(idOf(node))
                .append(", node_action_name: ").append(node.action)
                .append(", total_reward: ").append(reward(node.totalReward))
                .append(", num_visits: ").append(node.visits)
                .append(", total_children_num: ").append(children.size())
                .append(", depth: ").append(node.depth)
                .append(", is_terminal: ").append(Mcts.isTerminal(node) ? "True" : "False")
                .append("]:\t").append(value.replace("\n", "<\\n>")).append('\n');
        children.forEach(child -> visitText(tree, question, child, text));
    }

    private static int idOf(SearchNode node) {
        return node.ordinal + 1;
    }

    /** Rewards are sums of 0/1 verdicts: whole numbers print as the reference prints them. */
    private static Number reward(double value) {
        return value == Math.rint(value) ? (Number) (long) value : (Number) value;
    }
}
