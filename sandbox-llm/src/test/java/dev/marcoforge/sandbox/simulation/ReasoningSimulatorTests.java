package dev.marcoforge.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marcoforge.sandbox.support.Boxed;
import dev.marcoforge.sandbox.support.ReferenceData;
import dev.marcoforge.sandbox.support.ReferenceData.ReferenceProblem;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReasoningSimulatorTests {

    private static final String STRAWBERRY = "How many r and a are there in total in strawberry?";
    private static final SimulationSettings FLAWLESS = SimulationSettings.defaults().withErrorRates(0, 0);
    private static final SimulationSettings ALWAYS_SKIPS = SimulationSettings.defaults().withErrorRates(1, 0);

    @Test
    void theLongThinkerRestartsAboutSixteenTimesThenAnswers() {
        ReasoningSimulator simulator = new ReasoningSimulator(FLAWLESS, 16);
        int total = 0;
        for (int seed = 0; seed < 20; seed++) {
            String text = simulator.write(new Conversation(STRAWBERRY, ""), Persona.LONG_THINKER, 1.0, seed);
            int restarts = text.split("(?i)\\bwait\\b", -1).length - 1;
            assertThat(restarts).as(text).isBetween(9, 23);
            total += restarts;
            assertThat(text).startsWith("<thinking>").contains("</thinking>\n<answer>").endsWith("</answer>\n");
            assertThat(Boxed.valueIn(text)).isEqualTo(4);
        }
        assertThat(total / 20.0).isBetween(13.0, 19.0);
        assertThat(Persona.forModel("sandbox-LongCoT-7b", "critic", "longcot")).isEqualTo(Persona.LONG_THINKER);
        assertThat(Persona.forModel("sandbox-critic", "critic", "longcot")).isEqualTo(Persona.CRITIC);
    }

    @Test
    void flawlessChainBoxesTheRightTotal() {
        ReasoningChain chain = new ReasoningChain(new ReasoningSimulator(FLAWLESS), STRAWBERRY, 1);

        String subTask = chain.step("sub-task", "Firstly, I need to break down this task.\n- 1.", Persona.POLICY);
        String thinking = chain.step("thinking", "", Persona.POLICY);
        String check = chain.step("double-check", "Let's check the result", Persona.CRITIC);
        String answer = chain.step("answer", "The answer is:", Persona.POLICY);

        assertThat(subTask).startsWith(" ").contains("- 2.", "strawberry").doesNotContain("- 1.");
        assertThat(thinking).contains("s(1) t(2) r(3) -> r count 1", "Count of r: 3", "Count of a: 1", "3 + 1 = 4");
        assertThat(check).startsWith(" carefully.").contains("the total is 4").doesNotContain("error");
        assertThat(answer).isEqualTo(" \\boxed{4}");
    }

    @Test
    void flawlessSimulatorSolvesTheReferenceProblems() {
        Optional<List<ReferenceProblem>> problems = ReferenceData.letterCountProblems();
        assumeTrue(problems.isPresent(), "the shared reference data is not beside this checkout");
        ReasoningSimulator simulator = new ReasoningSimulator(FLAWLESS);
        for (ReferenceProblem problem : problems.get().subList(0, 50)) {
            String answer = new ReasoningChain(simulator, problem.problem(), 3).policyChainToAnswer(Persona.CRITIC);
            assertThat(Boxed.valueIn(answer)).as(problem.id() + ": " + problem.problem()).isEqualTo(problem.solution());
        }
    }

    @Test
    void everyReferenceQuestionIsRecognizedWithItsSolution() {
        Optional<List<ReferenceProblem>> problems = ReferenceData.letterCountProblems();
        assumeTrue(problems.isPresent(), "the shared reference data is not beside this checkout");
        for (ReferenceProblem problem : problems.get()) {
            Problem parsed = QuestionParser.parse(problem.problem());
            assertThat(parsed).as(problem.problem()).isInstanceOf(LetterCountProblem.class);
            assertThat(parsed.solution()).as(problem.problem()).isEqualTo(problem.solution());
        }
    }

    @Test
    void spellingSlipsPropagateToTheAnswerWhenNobodyCatchesThem() {
        SimulationSettings settings = ALWAYS_SKIPS.withCriticCatchRate(0);
        for (long seed = 0; seed < 20; seed++) {
            ReasoningChain chain = new ReasoningChain(new ReasoningSimulator(settings), STRAWBERRY, seed);
            String answer = chain.policyChainToAnswer(Persona.CRITIC);
            assertThat(Boxed.valueIn(answer)).as(chain.history()).isIn(3L, 5L);
        }
    }

    @Test
    void aCriticThatCatchesEverythingNamesTheErrorAndTheAnswerFollowsIt() {
        SimulationSettings settings = ALWAYS_SKIPS.withCriticCatchRate(1);
        ReasoningChain chain = new ReasoningChain(new ReasoningSimulator(settings), STRAWBERRY, 5);
        chain.step("sub-task", "Ok, I need to think step by step.\n- 1.", Persona.POLICY);
        String thinking = chain.step("thinking", "", Persona.POLICY);
        String check = chain.step("double-check", "Now I need to double check the result", Persona.CRITIC);
        String answer = chain.step("answer", "The answer is:", Persona.POLICY);

        assertThat(HistoryFacts.lastStatedTotal(thinking)).isPresent().isNotEqualTo(java.util.OptionalLong.of(4));
        assertThat(check).contains("I found an error", "the correct total is 4");
        assertThat(Boxed.valueIn(answer)).isEqualTo(4);
    }

    @Test
    void thePolicyCatchesOnlyAShareOfWhatTheCriticCatches() {
        SimulationSettings settings = new SimulationSettings(1, 0, 1, 0, 0.7);
        ReasoningChain chain = new ReasoningChain(new ReasoningSimulator(settings), STRAWBERRY, 9);
        String answer = chain.policyChainToAnswer(Persona.POLICY);
        assertThat(Boxed.valueIn(answer)).isNotEqualTo(4);
    }

    @Test
    void wrongSumsAreCaughtAsAdditionErrors() {
        SimulationSettings settings = new SimulationSettings(0, 1, 1, 0.3, 0.7);
        ReasoningChain chain = new ReasoningChain(new ReasoningSimulator(settings), STRAWBERRY, 11);
        chain.step("sub-task", "", Persona.POLICY);
        String thinking = chain.step("thinking", "", Persona.POLICY);
        String check = chain.step("double-check", "Let's check for some errors or typos.", Persona.CRITIC);

        assertThat(thinking).contains("Count of r: 3", "Count of a: 1").doesNotContain("3 + 1 = 4");
        assertThat(check).contains("the counts were added wrongly", "the correct total is 4");
    }

    @Test
    void temperatureZeroNeverErrs() {
        SimulationSettings settings = new SimulationSettings(1, 1, 0, 0.3, 0.7);
        ReasoningSimulator simulator = new ReasoningSimulator(settings);
        for (long seed = 0; seed < 10; seed++) {
            String chain = simulator.write(new Conversation(STRAWBERRY, ""), Persona.POLICY, 0.0, seed);
            assertThat(Boxed.valueIn(chain)).isEqualTo(4);
        }
    }

    @Test
    void theSameSeedRepeatsAndOtherSeedsVary() {
        ReasoningSimulator simulator = new ReasoningSimulator(SimulationSettings.defaults());
        Conversation conversation = new Conversation(STRAWBERRY, "");
        assertThat(simulator.write(conversation, Persona.POLICY, 1.0, 42))
                .isEqualTo(simulator.write(conversation, Persona.POLICY, 1.0, 42));
        long distinct = IntStream.range(0, 30)
                .mapToObj(seed -> simulator.write(conversation, Persona.POLICY, 1.0, seed))
                .distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }

    @Test
    void withoutAnOpenTagItWritesTheWholeChainInTags() {
        String chain = new ReasoningSimulator(FLAWLESS).write(new Conversation(STRAWBERRY, ""), Persona.POLICY, 1, 1);
        assertThat(chain).containsSubsequence("<sub-task>", "</sub-task>", "<thinking>", "</thinking>",
                "<double-check>", "</double-check>", "<answer>The answer is: \\boxed{4}</answer>");
    }

    @Test
    void afterAClosedReflectionTheChainStartsOverFromScratch() {
        String history = "<sub-task>plan</sub-task>\n<thinking>So the total is 7.</thinking>\n"
                + "<reflection>Wait! something is wrong, let's think again.\n</reflection>\n";
        String rest = new ReasoningSimulator(FLAWLESS).write(new Conversation(STRAWBERRY, history), Persona.POLICY, 1, 1);
        assertThat(rest).startsWith("<thinking_from_scratch>").contains("<answer>The answer is: \\boxed{4}</answer>");
    }

    @Test
    void eachActionContinuesItsPrefillAndClosesItsTag() {
        ReasoningSimulator simulator = new ReasoningSimulator(FLAWLESS);
        String history = "<sub-task>plan</sub-task>\n<thinking>Count of r: 3\nCount of a: 1\nSo the total is 4.</thinking>\n";
        assertThat(write(simulator, history + "<hypothesis>Maybe")).startsWith(" the total is 4.").endsWith("</hypothesis>");
        assertThat(write(simulator, history + "<hypothesis>Alternatively")).startsWith(", the total could be 4");
        assertThat(write(simulator, history + "<reflection>")).startsWith("Wait! something is wrong")
                .contains("So the correct total is 4.").endsWith("</reflection>");
        assertThat(write(simulator, history + "<thinking_from_scratch>Now, I need to think carefully.I need ignore"
                + " the previous output,It's wrong.\nI need")).startsWith(" to start again from the beginning.\n")
                .contains("is 4.").endsWith("</thinking_from_scratch>");
        assertThat(write(simulator, history + "<thinking>")).startsWith("Next sub-task: add up the counts")
                .contains("3 + 1 = 4.");
        assertThat(write(simulator, history + "<answer>")).isEqualTo("The answer is: \\boxed{4}</answer>");
    }

    @Test
    void answersUseTheLastStatedTotalEvenWhenItIsWrong() {
        String history = "<sub-task>plan</sub-task>\n<thinking>Count of r: 2\nCount of a: 1\n"
                + "So the total number of r and a in \"strawberry\" is 3.</thinking>\n"
                + "<hypothesis>Maybe the total is 9. Let me verify it.</hypothesis>\n";
        String answer = write(new ReasoningSimulator(FLAWLESS), history + "<answer>The answer is:");
        assertThat(Boxed.valueIn(answer)).isEqualTo(3);
    }

    @Test
    void answersHaveNoExtraTagsForTheReferenceEvaluator() {
        String answer = write(new ReasoningSimulator(SimulationSettings.defaults()), "<answer>The answer is:");
        String nodeValue = "<answer>The answer is:" + answer.replace("</answer>", "") + "</answer>\n";
        assertThat(nodeValue.chars().filter(c -> c == '<').count()).isEqualTo(2);
    }

    @Test
    void singleLetterAndArithmeticQuestionsAreSolved() {
        ReasoningSimulator simulator = new ReasoningSimulator(FLAWLESS);
        assertThat(Boxed.valueIn(simulator.write(new Conversation("How many r are in strawberry?", ""),
                Persona.POLICY, 1, 1))).isEqualTo(3);
        assertThat(Boxed.valueIn(simulator.write(new Conversation("What is 17 + 25?", ""), Persona.POLICY, 1, 1)))
                .isEqualTo(42);
        assertThat(Boxed.valueIn(simulator.write(new Conversation("Compute 6 * 7", ""), Persona.POLICY, 1, 1)))
                .isEqualTo(42);
    }

    @Test
    void unknownQuestionsAndOddTranscriptsStillGetWellFormedAnswers() {
        ReasoningSimulator simulator = new ReasoningSimulator(SimulationSettings.defaults());
        List<Conversation> odd = List.of(
                new Conversation("Who wrote Hamlet?", ""),
                new Conversation("", ""),
                new Conversation("How many are in ?", "<answer>"),
                new Conversation("How many z are there in total in buzz?", "<thinking>half <double-check>open"),
                new Conversation("What is 5 / 0?", "<weird-tag>prefill"),
                new Conversation("What is 1 + 1?", "<answer>The answer is: \\boxed{"),
                new Conversation("How many q are in banana?", "<sub-task>- 1. Spell it."),
                new Conversation("<<<>>>", "</thinking></answer><answer>done</answer>"));
        for (Conversation conversation : odd) {
            String text = simulator.write(conversation, Persona.CRITIC, 2.0, 7);
            assertThat(text).as(conversation.toString()).isNotNull();
        }
        assertThat(simulator.write(new Conversation("Who wrote Hamlet?", ""), Persona.POLICY, 1, 1))
                .contains("\\boxed{0}");
        assertThat(simulator.write(new Conversation("What is 1 + 1?", "<answer>The answer is: \\boxed{"),
                Persona.POLICY, 0, 1)).isEqualTo("2}</answer>");
        assertThat(simulator.write(new Conversation("x", "<weird-tag>prefill"), Persona.POLICY, 1, 1))
                .endsWith("</weird-tag>");
    }

    private static String write(ReasoningSimulator simulator, String assistantPrefix) {
        return simulator.write(new Conversation(ReferenceData.basePrompt() + STRAWBERRY, assistantPrefix),
                Persona.POLICY, 1.0, 1);
    }
}
