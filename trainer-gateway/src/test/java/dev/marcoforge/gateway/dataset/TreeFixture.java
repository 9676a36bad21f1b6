package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import dev.marcoforge.contracts.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-built search tree of one problem. Node texts:
 * <pre>
 * a: plan
 * ├── b: count
 * │   ├── c1: answer 3 (correct)          C1 = a b c1            shortest correct
 * │   ├── w1: answer 2 (wrong)            W1 = a b w1
 * │   └── f: double-check
 * │       └── c3: answer 3 (correct)      C3 = a b f c3          middle
 * ├── d: long reflection
 * │   └── c2: answer 3 (correct)          C2 = a d c2            longest correct
 * └── e: guess
 *     └── w2: answer 4 (wrong)            W2 = a e w2
 * </pre>
 * C1 shares "a" with W2 and "a b" with W1.
 */
final class TreeFixture {

    static final String QUESTION = "How many r are in strawberry?";
    static final String BASE_PROMPT = "Think step by step.\n";
    static final Map<String, String> TEXT = new LinkedHashMap<>();

    static {
        TEXT.put("a", "<thinking>Plan: spell the word.</thinking>\n");
        TEXT.put("b", "<thinking>Count: s-t-r-a-w-b-e-r-r-y.</thinking>\n");
        TEXT.put("c1", "<answer>\\boxed{3}</answer>");
        TEXT.put("w1", "<answer>\\boxed{2}</answer>");
        TEXT.put("f", "<thinking>Double-check: r at 3, 8 and 9.</thinking>\n");
        TEXT.put("c3", "<answer>\\boxed{3}</answer>");
        TEXT.put("d", "<reflection>Let me recount each letter of the word carefully, one letter at a time, from the"
                + " very start of it.</reflection>\n");
        TEXT.put("c2", "<answer>\\boxed{3}</answer>");
        TEXT.put("e", "<thinking>Guess.</thinking>\n");
        TEXT.put("w2", "<answer>\\boxed{4}</answer>");
    }

    private TreeFixture() {
    }

    static Chain chain(String job, String problem, String tree, boolean correct, String... nodes) {
        return chain(job, problem, tree, correct, TEXT, nodes);
    }

    static Chain chain(String job, String problem, String tree, boolean correct, Map<String, String> texts,
            String... nodes) {
        List<ChainStep> steps = new ArrayList<>();
        int length = 0;
        for (String node : nodes) {
            String text = texts.get(node);
            steps.add(new ChainStep(node, node.startsWith("c") || node.startsWith("w") ? "answer" : "thinking",
                    text, "actor"));
            length += text.length();
        }
        Verdict verdict = correct ? Verdict.correct("3", "equal") : Verdict.wrong("x", "differs");
        return new Chain(Chain.SCHEMA_VERSION, Chain.idFor(tree, nodes[nodes.length - 1]), job, problem, tree,
                QUESTION, BASE_PROMPT, steps, verdict, length);
    }

    static Chain c1(String job) {
        return chain(job, "p1", "t1", true, "a", "b", "c1");
    }

    static Chain c2(String job) {
        return chain(job, "p1", "t1", true, "a", "d", "c2");
    }

    static Chain c3(String job) {
        return chain(job, "p1", "t1", true, "a", "b", "f", "c3");
    }

    static Chain w1(String job) {
        return chain(job, "p1", "t1", false, "a", "b", "w1");
    }

    static Chain w2(String job) {
        return chain(job, "p1", "t1", false, "a", "e", "w2");
    }

    static List<Chain> tree(String job) {
        return List.of(c1(job), c2(job), c3(job), w1(job), w2(job));
    }
}
