package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.simulation.Persona;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters for benchmarks: requests and tokens per endpoint and persona, and requests turned away. */
@ApplicationScoped
public class SandboxMetrics {

    private final MeterRegistry registry;

    public SandboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void served(String endpoint, Persona persona, int promptTokens, int generatedTokens) {
        registry.counter("sandbox.requests", "endpoint", endpoint, "persona", persona.label()).increment();
        registry.counter("sandbox.generated.tokens", "endpoint", endpoint, "persona", persona.label())
                .increment(generatedTokens);
        registry.counter("sandbox.prompt.tokens", "endpoint", endpoint, "persona", persona.label())
                .increment(promptTokens);
    }

    public void rejected(String endpoint) {
        registry.counter("sandbox.rejected.requests", "endpoint", endpoint).increment();
    }
}
