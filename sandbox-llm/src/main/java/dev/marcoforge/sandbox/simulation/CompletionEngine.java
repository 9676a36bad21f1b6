package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Produces the n choices of one request: simulate, then apply stop sequences and the token budget. */
public final class CompletionEngine {

    /** Spreads consecutive choice indexes far apart in seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final ReasoningSimulator simulator;

    public CompletionEngine(ReasoningSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * @param seed null for a fresh random draw; otherwise the same seed and conversation give the same choices
     */
    public record GenerationRequest(Persona persona, double temperature, Long seed, int n, int maxTokens,
                                    List<String> stops) {

        public GenerationRequest {
            stops = List.copyOf(stops);
        }
    }

    public record GeneratedChoice(int index, String text, FinishReason finishReason, int completionTokens) {
    }

    public List<GeneratedChoice> generate(Conversation conversation, GenerationRequest request) {
        long base = request.seed() == null
                ? ThreadLocalRandom.current().nextLong()
                // The conversation joins the seed so a client's fixed seed still varies across problems.
                : request.seed() * 31 + conversation.userText().hashCode() * 17L + conversation.assistantPrefix().hashCode();
        List<GeneratedChoice> choices = new ArrayList<>(request.n());
        for (int index = 0; index < request.n(); index++) {
            String raw = simulator.write(conversation, request.persona(), request.temperature(),
                    base + GOLDEN_GAMMA * index);
            OutputLimiter.Limited limited = OutputLimiter.apply(raw, request.stops(), request.maxTokens());
            choices.add(new GeneratedChoice(index, limited.text(), limited.finishReason(), limited.tokens()));
        }
        return choices;
    }
}
