package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Produces the n choices of one request: simulate, then apply stop sequences and the token budget. */
public final class CompletionEngine {

    /** The most likely tokens OpenAI lists per token at most ({@code top_logprobs}). */
    public static final int MAX_TOP_LOGPROBS = TokenDistribution.TOP;

    /** Spreads consecutive choice indexes far apart in seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final ReasoningSimulator simulator;

    public CompletionEngine(ReasoningSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * @param seed        null for a fresh random draw; otherwise the same seed and conversation give the same choices
     * @param topLogprobs null when no logprobs are wanted; otherwise how many most likely tokens to list per token
     */
    public record GenerationRequest(Persona persona, double temperature, Long seed, int n, int maxTokens,
                                    List<String> stops, Integer topLogprobs) {

        public GenerationRequest {
            stops = List.copyOf(stops);
            if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS)) {
                throw new IllegalArgumentException("topLogprobs must be within [0, " + MAX_TOP_LOGPROBS + "], was "
                        + topLogprobs);
            }
        }

        /** A request without logprobs. */
        public GenerationRequest(Persona persona, double temperature, Long seed, int n, int maxTokens,
                                 List<String> stops) {
            this(persona, temperature, seed, n, maxTokens, stops, null);
        }
    }

    /** @param logprobs one per token of {@code text}; null unless the request asked for logprobs */
    public record GeneratedChoice(int index, String text, FinishReason finishReason, int completionTokens,
                                  List<TokenLogprob> logprobs) {

        public GeneratedChoice {
            logprobs = logprobs == null ? null : List.copyOf(logprobs);
        }
    }

    public List<GeneratedChoice> generate(Conversation conversation, GenerationRequest request) {
        long base = request.seed() == null
                ? ThreadLocalRandom.current().nextLong()
                // The conversation joins the seed so a client's fixed seed still varies across problems.
                : request.seed() * 31 + conversation.userText().hashCode() * 17L + conversation.assistantPrefix().hashCode();
        List<GeneratedChoice> choices = new ArrayList<>(request.n());
        for (int index = 0; index < request.n(); index++) {
            long choiceSeed = base + GOLDEN_GAMMA * index;
            SimulatedText written = simulator.compose(conversation, request.persona(), request.temperature(),
                    choiceSeed);
            OutputLimiter.Limited limited = OutputLimiter.apply(written.text(), request.stops(), request.maxTokens());
            List<TokenLogprob> logprobs = request.topLogprobs() == null ? null
                    : LogprobAnnotator.annotate(written, limited.text(), choiceSeed, request.topLogprobs());
            choices.add(new GeneratedChoice(index, limited.text(), limited.finishReason(), limited.tokens(),
                    logprobs));
        }
        return choices;
    }
}
