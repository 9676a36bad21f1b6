package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.config.SandboxConfig;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import dev.marcoforge.sandbox.simulation.Persona;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * The serving flow every endpoint shares: wait for a slot, generate, count, then answer at the simulated pace.
 * The slot is held until the answer is delivered, for streams until their last event.
 */
@ApplicationScoped
public class CompletionServer {

    private final ObjectMapper mapper;
    private final AdmissionGate gate;
    private final ServingLatency latency;
    private final SandboxMetrics metrics;
    private final int tokensPerChunk;

    public CompletionServer(ObjectMapper mapper, AdmissionGate gate, ServingLatency latency, SandboxMetrics metrics,
                            SandboxConfig config) {
        this.mapper = mapper;
        this.gate = gate;
        this.latency = latency;
        this.metrics = metrics;
        this.tokensPerChunk = config.stream().tokensPerChunk();
    }

    Response serve(String endpoint, Persona persona, int promptTokens, SamplingOptions sampling,
                   Supplier<List<GeneratedChoice>> generation, ResponseShape shape) {
        AdmissionGate.Slot slot = gate.enter(endpoint);
        boolean handedToStream = false;
        try {
            List<GeneratedChoice> choices = generation.get();
            Usage usage = count(endpoint, persona, promptTokens, choices);
            if (sampling.stream()) {
                SseStream stream = new SseStream(mapper, latency, choices, tokensPerChunk, shape,
                        sampling.includeUsage() ? usage : null, slot);
                handedToStream = true;
                return Response.ok(stream, SseStream.MEDIA_TYPE).header("Cache-Control", "no-cache").build();
            }
            paceWholeAnswer(choices);
            return Response.ok(shape.completion(choices, usage), MediaType.APPLICATION_JSON).build();
        } finally {
            if (!handedToStream) {
                slot.close();
            }
        }
    }

    /** For protocols without streaming: the choices, delivered after the simulated latency. */
    List<GeneratedChoice> serveWhole(String endpoint, Persona persona, int promptTokens,
                                     Supplier<List<GeneratedChoice>> generation) {
        try (AdmissionGate.Slot slot = gate.enter(endpoint)) {
            List<GeneratedChoice> choices = generation.get();
            count(endpoint, persona, promptTokens, choices);
            paceWholeAnswer(choices);
            return choices;
        }
    }

    private Usage count(String endpoint, Persona persona, int promptTokens, List<GeneratedChoice> choices) {
        int completionTokens = choices.stream().mapToInt(GeneratedChoice::completionTokens).sum();
        metrics.served(endpoint, persona, promptTokens, completionTokens);
        return Usage.of(promptTokens, completionTokens);
    }

    private void paceWholeAnswer(List<GeneratedChoice> choices) {
        latency.beforeFirstToken();
        latency.forTokens(choices.stream().mapToInt(GeneratedChoice::completionTokens).max().orElse(0));
    }
}
