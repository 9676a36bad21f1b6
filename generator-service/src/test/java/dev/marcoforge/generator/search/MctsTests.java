package dev.marcoforge.generator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.generator.ReferenceFiles;
import dev.marcoforge.generator.TestJson;
import dev.marcoforge.generator.config.ModelRole;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.config.SearchConfigParser;
import dev.marcoforge.generator.model.Completion;
import dev.marcoforge.generator.persistence.ProblemRun;
import dev.marcoforge.generator.persistence.SearchNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The search rules on the reference's demo config, with the model and the verifier played in memory. */
class MctsTests {

    private static final List<String> SUB_TASK_PREFILLS = List.of("Firstly, I need to break down this task.\n- 1.",
            "Ok, I need to think step by step.\n- 1.", "Alright, I need to break down this task.\n- 1.");
    private static final List<String> REFLECTIONS = List.of(
            "<reflection>Wait! something is wrong, let's think again.\n</reflection>\n",
            "<reflection>Halt! I made a fatal mistake that made me rethink\n</reflection>\n");

    @Test
    void expansionAsksOneRequestForNChildrenOfEachNextStepAction() {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), 7);

        Mcts.Write first = (Mcts.Write) search.mcts().next();

        assertThat(first.parent()).isSameAs(search.tree.root());
        assertThat(first.action()).isEqualTo("sub_task");
        assertThat(first.n()).isEqualTo(2);
        assertThat(first.prompt().n()).isEqualTo(2);
        assertThat(first.critic()).isFalse();
        assertThat(first.prefill()).isIn(SUB_TASK_PREFILLS);
        assertThat(first.prompt().userMessage()).startsWith("Now you need to complete a task related to letters.")
                .endsWith("Now the question is: How many r in strawberry?");
        assertThat(first.prompt().assistantPrefix()).isEqualTo("<sub-task>" + first.prefill());
        assertThat(first.prompt().stop()).containsExactly("</sub-task>");

        assertThat(search.mcts().written(first.seq(), first.group(), List.of(" A", " B"), ModelRole.POLICY)).isTrue();
        assertThat(search.tree.childrenOf(search.tree.root().id)).extracting(n -> n.text).containsExactly(
                "<sub-task>" + first.prefill() + " A</sub-task>\n", "<sub-task>" + first.prefill() + " B</sub-task>\n");
        assertThat(search.tree.root().fullyExpanded).isTrue();
        assertThat(search.mcts().written(first.seq(), first.group(), List.of(" C", " D"), ModelRole.POLICY))
                .as("a replayed write is dropped").isFalse();
        assertThat(search.tree.size()).isEqualTo(3);
    }

    @Test
    void inStepModeNodesAreLinesWithoutTagsAndTheReflectionPrefillIsWrittenOn() {
        InMemorySearch search = new InMemorySearch(demo(c -> c.put("use_step", true)), 7);

        Mcts.Write first = (Mcts.Write) search.mcts().next();
        assertThat(first.prompt().assistantPrefix()).isEqualTo(first.prefill());
        assertThat(first.prompt().stop()).containsExactly("\n");
        search.mcts().written(first.seq(), first.group(), List.of(" A\nmore", " B"), ModelRole.POLICY);
        assertThat(search.tree.childrenOf(search.tree.root().id)).extracting(n -> n.text)
                .containsExactly(first.prefill() + " A\n", first.prefill() + " B\n");

        // The demo's reflection prefills close their tag, a fixed node in tagged mode; without tags the model
        // writes it like any other node.
        search.run(InMemorySearch::echo, answer -> false);
        assertThat(search.nodes("reflection")).isNotEmpty().allSatisfy(n -> assertThat(n.text).doesNotContain(
                "<reflection>").endsWith("\n"));
        assertThat(search.tree.size()).isGreaterThan(3);
    }

    @Test
    void aRolloutDescendsThroughUnvisitedChildrenToAnAnswerAndEachActionGroupIsOneRequest() {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), 7);
        Mcts.Decision decision;
        while (!((decision = search.mcts().next()) instanceof Mcts.Verify)) {
            Mcts.Write write = (Mcts.Write) decision;
            search.writes.add(write);
            search.mcts().written(write.seq(), write.group(), InMemorySearch.echo(write),
                    write.critic() ? ModelRole.CRITIC : ModelRole.POLICY);
        }

        assertThat(search.writes).extracting(Mcts.Write::action)
                .containsExactly("sub_task", "thinking", "double_check", "thinking", "answer");
        assertThat(search.writes).extracting(Mcts.Write::critic).containsExactly(false, false, true, false, false);
        assertThat(search.writes).extracting(Mcts.Write::n).containsExactly(2, 2, 2, 2, 1);
        SearchNode firstSubTask = search.nodes("sub_task").get(0);
        SearchNode firstThinking = search.nodes("thinking").get(0);
        assertThat(search.writes.get(1).parent()).isSameAs(firstSubTask);
        assertThat(search.writes.get(2).parent()).isSameAs(firstThinking);
        assertThat(search.writes.get(3).parent()).isSameAs(firstThinking);
        // thinking's children in next_step order: double_check, double_check, thinking, thinking
        assertThat(search.tree.childrenOf(firstThinking.id)).extracting(n -> n.action)
                .containsExactly("double_check", "double_check", "thinking", "thinking");
        assertThat(search.tree.childrenOf(firstThinking.id).get(0).modelRole).isEqualTo(ModelRole.CRITIC);
        SearchNode answer = ((Mcts.Verify) decision).answer();
        assertThat(search.tree.pathTo(answer)).extracting(n -> n.action)
                .containsExactly("base", "sub_task", "thinking", "double_check", "answer");
        assertThat(answer.text).startsWith("<answer>The answer is:").endsWith("</answer>\n");
        assertThat(search.writes.get(4).prompt().assistantPrefix()).isEqualTo(firstSubTask.text + firstThinking.text
                + search.tree.childrenOf(firstThinking.id).get(0).text + "<answer>The answer is:");
    }

    @Test
    void aWrongAnswerExpandsTheNearestDoubleCheckWithAFixedReflectionAndNoModelCall() {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), 7);
        SearchNode answer = runToFirstVerify(search);
        SearchNode doubleCheck = search.tree.node(answer.parentId);

        search.judge(answer, false);

        assertThat(search.tree.pathTo(answer)).allSatisfy(n -> {
            assertThat(n.visits).isEqualTo(1);
            assertThat(n.totalReward).isZero();
        });
        Mcts.Write next = (Mcts.Write) search.mcts().next();
        List<SearchNode> dcChildren = search.tree.childrenOf(doubleCheck.id);
        assertThat(dcChildren).extracting(n -> n.action).containsExactly("answer", "reflection");
        assertThat(dcChildren.get(1).text).isIn(REFLECTIONS);
        assertThat(dcChildren.get(1).visits).isZero();
        // the next rollout starts at the root: the second sub_task is unvisited, so it is expanded next
        assertThat(next.parent()).isSameAs(search.nodes("sub_task").get(1));
        assertThat(next.action()).isEqualTo("thinking");
    }

    @Test
    void backtrackingTargetsTheNearestProperAncestorWithTheAction() {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), 7);
        Mcts mcts = search.mcts();
        SearchNode root = search.tree.root();
        SearchNode far = add(search, root, "double_check");
        SearchNode mid = add(search, far, "reflection");
        SearchNode near = add(search, mid, "double_check");
        SearchNode answer = add(search, near, "answer");

        assertThat(mcts.nearestAncestor(answer, "double_check")).isSameAs(near);
        assertThat(mcts.nearestAncestor(mid, "double_check")).isSameAs(far);
        assertThat(mcts.nearestAncestor(answer, "base")).as("never the root, as in the reference").isNull();
        assertThat(mcts.nearestAncestor(answer, "sub_task")).isNull();
    }

    @Test
    void aCorrectAnswerAddsNoWrongAnswerNodesAndBacksUpItsReward() {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), 7);
        SearchNode answer = runToFirstVerify(search);

        search.judge(answer, true);
        search.mcts().next();

        assertThat(search.nodes("reflection")).isEmpty();
        assertThat(search.tree.pathTo(answer)).allSatisfy(n -> assertThat(n.totalReward).isEqualTo(1.0));
    }

    @Test
    void withTheConfidenceRewardARolloutIsWorthItsPathsMeanTokenConfidence() {
        InMemorySearch search = new InMemorySearch(demo(MctsTests::withConfidenceReward), 7, false);
        // Policy nodes are 90% sure over 10 tokens, critic nodes 50% over 4: every chain mixes both.
        search.runWithConfidence(write -> java.util.Collections.nCopies(write.n(), new Completion(" text",
                write.critic() ? new TokenConfidence(2.0, 4) : new TokenConfidence(9.0, 10))), a -> {
                    throw new AssertionError("no answer may be verified without a ground truth");
                });

        assertThat(search.verified).isEmpty();
        assertThat(search.ended).isNotEmpty().doesNotHaveDuplicates();
        SearchNode first = search.ended.get(0);
        TokenConfidence path = search.tree.confidenceOf(first);
        assertThat(path.tokens()).isPositive();
        double expected = path.sum() / path.tokens();
        assertThat(expected).isStrictlyBetween(0.5, 0.9);
        // Every rollout adds its confidence at the root; answers revisited count again.
        double fromAnswers = search.nodes("answer").stream()
                .mapToDouble(a -> a.visits * search.tree.confidenceOf(a).mean()).sum();
        assertThat(search.tree.root().totalReward).isCloseTo(fromAnswers, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(search.tree.root().visits).isEqualTo(search.state.rollouts);
        // Without verdicts nothing is known to be wrong: no reflection is added.
        assertThat(search.nodes("reflection")).isEmpty();
    }

    @Test
    void withTheConfidenceRewardAndAGroundTruthAnswersAreStillJudgedAndWrongOnesBacktrack() {
        InMemorySearch search = new InMemorySearch(demo(MctsTests::withConfidenceReward), 7, true);
        SearchNode answer = runToFirstVerify(search);
        answer.confidenceSum = 3;
        answer.confidenceTokens = 4;

        search.judge(answer, false);
        search.mcts().next();

        TokenConfidence path = search.tree.confidenceOf(answer);
        assertThat(search.tree.root().totalReward).isEqualTo(path.mean()).isPositive();
        assertThat(search.nodes("reflection")).hasSize(1);
    }

    @Test
    void anActionWritesWithTheRoleTheConfigNamesAndSpecialModelStillChoosesCriticService() {
        InMemorySearch search = new InMemorySearch(demo(c -> {
            ObjectNode forge = c.putObject("marco_forge");
            forge.putObject("roles").putObject("explorer").put("url", "http://127.0.0.1:9/v1");
            forge.putObject("action_roles").put("sub_task", "explorer").put("double_check", "explorer");
        }), 7);
        runToFirstVerify(search);

        Mcts.Write subTask = search.writes.get(0);
        assertThat(subTask.action()).isEqualTo("sub_task");
        assertThat(subTask.role()).isEqualTo("explorer");
        assertThat(subTask.critic()).isFalse();
        Mcts.Write doubleCheck = search.writes.stream().filter(w -> w.action().equals("double_check")).findFirst()
                .orElseThrow();
        assertThat(doubleCheck.role()).isEqualTo("explorer");
        assertThat(doubleCheck.critic()).as("special_model actions go to critic-service").isTrue();
        Mcts.Write thinking = search.writes.stream().filter(w -> w.action().equals("thinking")).findFirst()
                .orElseThrow();
        assertThat(thinking.role()).isEqualTo(ModelRole.POLICY);
        assertThat(search.nodes("sub_task")).allSatisfy(n -> assertThat(n.modelRole).isEqualTo("explorer"));
    }

    @Test
    void actionsHiddenFromHistoryStayOutOfLaterPrompts() {
        InMemorySearch search = new InMemorySearch(demo(c -> ((ObjectNode) c.path("action_tree").path("thinking"))
                .put("show_in_history", false)), 7);
        runToFirstVerify(search);

        SearchNode subTask = search.nodes("sub_task").get(0);
        Mcts.Write doubleCheck = search.writes.stream().filter(w -> w.action().equals("double_check")).findFirst()
                .orElseThrow();
        assertThat(doubleCheck.prompt().assistantPrefix()).isEqualTo(subTask.text + "<double-check>"
                + doubleCheck.prefill());
        assertThat(search.nodes("thinking").get(0).text).as("the node keeps its own text").startsWith("<thinking>");
    }

    @Test
    void reachingTheMaxThresholdStopsWithSuccess() {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), 7);

        assertThat(search.run(InMemorySearch::echo, a -> true)).isEqualTo(ProblemRun.SOLVED);

        assertThat(search.state.rollouts).isEqualTo(8);
        assertThat(search.tree.root().totalReward).isEqualTo(8.0);
        assertThat(search.tree.root().visits).isEqualTo(8);
    }

    @Test
    void theMinThresholdSucceedsOnlyAfterMoreThanMaxRolloutTimeRollouts() {
        InMemorySearch search = new InMemorySearch(demo(c -> c.putArray("search_reward_threshold").add(1).add(1000)),
                7);
        SearchNode[] firstAnswer = new SearchNode[1];

        String status = search.run(InMemorySearch::echo, a -> {
            if (firstAnswer[0] == null) {
                firstAnswer[0] = a;
            }
            return a == firstAnswer[0];
        });

        assertThat(status).isEqualTo(ProblemRun.SOLVED);
        assertThat(search.state.rollouts).as("rollout index 33 is the first above 32").isEqualTo(34);
        assertThat(search.tree.root().totalReward).isBetween(1.0, 999.0);
        assertThat(search.verified).as("an answer seen again keeps its verdict").doesNotHaveDuplicates();
        assertThat(search.verified.size()).isLessThan(34);
    }

    @Test
    void belowTheMinThresholdItGivesUpAfterMoreThanFourTimesMaxRolloutTime() {
        InMemorySearch search = new InMemorySearch(demo(c -> c.put("max_rollout_time", 4)), 7);

        assertThat(search.run(InMemorySearch::echo, a -> false)).isEqualTo(ProblemRun.UNSOLVED);

        assertThat(search.state.rollouts).as("rollout index 17 is the first above 16").isEqualTo(18);
        assertThat(search.tree.root().totalReward).isZero();
        assertThat(search.nodes("reflection")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(search.writes).noneMatch(w -> w.action().equals("reflection"));
    }

    @Test
    void aFixedSeedGivesTheSameTreeAndAnotherSeedAnotherOne() {
        List<String> first = texts(run(11));
        List<String> again = texts(run(11));
        List<String> other = texts(run(12));

        assertThat(first).isEqualTo(again);
        assertThat(other).isNotEqualTo(first);
    }

    private static InMemorySearch run(long seed) {
        InMemorySearch search = new InMemorySearch(demo(c -> { }), seed);
        search.run(InMemorySearch::echo, a -> Math.floorMod(a.text.hashCode(), 3) == 0);
        return search;
    }

    private static List<String> texts(InMemorySearch search) {
        return search.tree.nodes().stream().map(n -> n.parentId + "|" + n.action + "|" + n.text + "|" + n.visits)
                .toList();
    }

    private static SearchNode runToFirstVerify(InMemorySearch search) {
        while (true) {
            Mcts.Decision decision = search.mcts().next();
            if (decision instanceof Mcts.Verify verify) {
                return verify.answer();
            }
            Mcts.Write write = (Mcts.Write) decision;
            search.writes.add(write);
            search.mcts().written(write.seq(), write.group(), InMemorySearch.echo(write), write.role());
        }
    }

    private static SearchNode add(InMemorySearch search, SearchNode parent, String action) {
        SearchNode node = new SearchNode();
        node.id = "h" + search.tree.size();
        node.ordinal = search.tree.size();
        node.parentId = parent.id;
        node.depth = parent.depth + 1;
        node.action = action;
        node.text = "";
        search.tree.add(node);
        return node;
    }

    /** The confidence reward needs logprobs, which the demo config's /generate servers do not give. */
    private static void withConfidenceReward(ObjectNode config) {
        config.put("url1", "http://policy.test/v1").put("url2", "http://critic.test/v1");
        config.putObject("marco_forge").put("reward", "confidence");
    }

    static SearchConfig demo(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) TestJson.json(Files.readString(ReferenceFiles.marcoO1("demo_config.json")));
            change.accept(json);
            return SearchConfigParser.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
