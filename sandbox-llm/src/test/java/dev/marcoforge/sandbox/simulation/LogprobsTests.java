package dev.marcoforge.sandbox.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GenerationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogprobsTests {

    private static final String STRAWBERRY = "How many r and a are there in total in strawberry?";
    private static final SimulationSettings ALWAYS_SKIPS = SimulationSettings.defaults().withErrorRates(1, 0)
            .withCriticCatchRate(0);

    @Test
    void everyDistributionIsAProperTopTwentyWithTheConfidenceOfItsDoubt() {
        for (Doubt doubt : Doubt.values()) {
            int inBand = 0;
            for (long seed = 0; seed < 2_000; seed++) {
                TokenDistribution distribution = TokenDistribution.draw(doubt, new SplittableRandom(seed));
                double[] alternatives = distribution.alternatives();
                assertThat(alternatives).hasSize(TokenDistribution.ALTERNATIVES);
                double sum = distribution.chosen();
                for (int i = 0; i < alternatives.length; i++) {
                    assertThat(alternatives[i]).isPositive();
                    if (i > 0) {
                        assertThat(alternatives[i]).isLessThanOrEqualTo(alternatives[i - 1]);
                    }
                    sum += alternatives[i];
                }
                assertThat(sum).isLessThan(1.0);
                assertThat(distribution.chosen()).isLessThan(1.0);
                // The fifth most likely token and beyond stay below the window the confidence normalises over.
                assertThat(alternatives[4]).isLessThan(Math.min(alternatives[3], distribution.chosen()));
                double confidence = distribution.chosen() / (distribution.chosen() + alternatives[0]
                        + alternatives[1] + alternatives[2] + alternatives[3]);
                switch (doubt) {
                    case SURE -> {
                        assertThat(confidence).isBetween(0.6, 0.99);
                        assertThat(distribution.chosen()).isGreaterThan(alternatives[0]);
                        inBand += confidence >= 0.85 ? 1 : 0;
                    }
                    case SHAKEN_STEP -> {
                        assertThat(confidence).isBetween(0.62, 0.9);
                        assertThat(distribution.chosen()).isGreaterThan(alternatives[0]);
                    }
                    default -> assertThat(confidence).isBetween(0.3, 0.6);
                }
            }
            if (doubt == Doubt.SURE) {
                assertThat(inBand).as("sure tokens mostly at 0.85-0.99").isGreaterThan(1_800);
            }
        }
    }

    @Test
    void tokensConcatenateToTheTextAndMatchTheTokenCount() {
        CompletionEngine engine = new CompletionEngine(new ReasoningSimulator(SimulationSettings.defaults()));
        for (long seed = 0; seed < 20; seed++) {
            GeneratedChoice choice = engine.generate(new Conversation(STRAWBERRY, ""), request(seed, 5, 4096)).get(0);
            List<TokenLogprob> logprobs = choice.logprobs();
            assertThat(logprobs).hasSize(choice.completionTokens()).hasSize(Tokenizer.count(choice.text()));
            assertThat(logprobs.stream().map(TokenLogprob::token).collect(Collectors.joining()))
                    .isEqualTo(choice.text());
            for (TokenLogprob token : logprobs) {
                assertThat(choice.text().substring(token.textOffset())).startsWith(token.token());
                assertThat(token.logprob()).isNegative();
                assertThat(token.top()).hasSize(5);
                assertThat(token.top()).extracting(TokenLogprob.Alternative::token).doesNotHaveDuplicates()
                        .contains(token.token());
                assertThat(token.top()).filteredOn(alternative -> alternative.token().equals(token.token()))
                        .singleElement().extracting(TokenLogprob.Alternative::logprob).isEqualTo(token.logprob());
                assertThat(token.top()).extracting(TokenLogprob.Alternative::logprob)
                        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
            }
        }
    }

    @Test
    void askingForLogprobsChangesNothingInTheTextAndTruncationKeepsThePrefixLogprobs() {
        CompletionEngine engine = new CompletionEngine(new ReasoningSimulator(SimulationSettings.defaults()));
        Conversation conversation = new Conversation(STRAWBERRY, "<thinking>");
        GeneratedChoice plain = engine.generate(conversation, new GenerationRequest(Persona.POLICY, 1.0, 7L, 1,
                4096, List.of())).get(0);
        GeneratedChoice whole = engine.generate(conversation, request(7, 3, 4096)).get(0);
        GeneratedChoice truncated = engine.generate(conversation, request(7, 3, 10)).get(0);
        assertThat(plain.logprobs()).isNull();
        assertThat(whole.text()).isEqualTo(plain.text());
        assertThat(engine.generate(conversation, request(7, 3, 4096)).get(0).logprobs())
                .isEqualTo(whole.logprobs());
        assertThat(truncated.logprobs()).hasSize(10).isEqualTo(whole.logprobs().subList(0, 10));
    }

    @Test
    void onlyTheFiguresAMistakeGotWrongAreWrongClaimsInsideAShakenStep() {
        ReasoningSimulator simulator = new ReasoningSimulator(ALWAYS_SKIPS);
        for (long seed = 0; seed < 20; seed++) {
            SimulatedText thinking = simulator.compose(new Conversation(STRAWBERRY, "<thinking>"), Persona.POLICY,
                    1.0, seed);
            List<String> wrong = new ArrayList<>();
            SimulatedText.DoubtfulSpan step = null;
            for (SimulatedText.DoubtfulSpan span : thinking.doubts()) {
                String text = thinking.text().substring(span.start(), span.end());
                if (span.doubt() == Doubt.WRONG_CLAIM) {
                    wrong.add(text);
                } else {
                    step = span;
                }
            }
            assertThat(step).as("the slip shakes the whole step").isNotNull();
            assertThat(step.start()).isZero();
            assertThat(thinking.text().substring(step.start(), step.end())).endsWith(".")
                    .doesNotContain("</thinking>");
            assertThat(wrong).as(thinking.text()).isNotEmpty()
                    .allMatch(text -> text.matches("\\d+|[a-z]\\(\\d+\\)"));
            long statedTotal = HistoryFacts.lastStatedTotal(thinking.text()).orElseThrow();
            assertThat(statedTotal).isNotEqualTo(4);
            assertThat(wrong).contains(String.valueOf(statedTotal));
        }
        SimulatedText flawless = new ReasoningSimulator(SimulationSettings.defaults().withErrorRates(0, 0))
                .compose(new Conversation(STRAWBERRY, ""), Persona.POLICY, 1.0, 3);
        assertThat(flawless.doubts()).isEmpty();
    }

    @Test
    void aCheckThatLetsAMistakeThroughDoubtsTheTotalItConfirms() {
        String history = "<thinking>Count of r: 2\nCount of a: 1\nSo the total number of r and a in \"strawberry\""
                + " is 3.</thinking>\n<double-check>";
        SimulatedText check = new ReasoningSimulator(ALWAYS_SKIPS).compose(new Conversation(STRAWBERRY, history),
                Persona.CRITIC, 1.0, 1);
        assertThat(check.text()).contains("look right, so the total is 3.");
        int three = check.text().lastIndexOf('3');
        assertThat(check.doubtOver(three, three + 1)).isEqualTo(Doubt.WRONG_CLAIM);
        assertThat(check.doubtOver(0, 1)).isEqualTo(Doubt.SHAKEN_STEP);
        assertThat(check.doubtOver(check.text().indexOf("</double-check>"), check.text().length()))
                .isEqualTo(Doubt.SURE);
    }

    @Test
    void anyTopCountFromNoneToTwentyIsListed() {
        CompletionEngine engine = new CompletionEngine(new ReasoningSimulator(SimulationSettings.defaults()));
        for (int top : new int[] {0, 1, 2, 20}) {
            GeneratedChoice choice = engine.generate(new Conversation(STRAWBERRY, ""), request(11, top, 4096)).get(0);
            assertThat(choice.logprobs()).allSatisfy(token -> assertThat(token.top()).hasSize(top));
            if (top >= 2) {
                assertThat(choice.logprobs()).allSatisfy(token -> assertThat(token.top())
                        .extracting(TokenLogprob.Alternative::token).contains(token.token()));
            }
            if (top == 20) {
                assertThat(choice.logprobs()).allSatisfy(token -> assertThat(token.top().stream()
                        .mapToDouble(alternative -> Math.exp(alternative.logprob())).sum()).isLessThan(1.0));
            }
        }
    }

    private static GenerationRequest request(long seed, int topLogprobs, int maxTokens) {
        return new GenerationRequest(Persona.POLICY, 1.0, seed, 1, maxTokens, List.of(), topLogprobs);
    }
}
