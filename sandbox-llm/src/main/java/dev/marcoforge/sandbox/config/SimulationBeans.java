package dev.marcoforge.sandbox.config;

import dev.marcoforge.sandbox.simulation.CompletionEngine;
import dev.marcoforge.sandbox.simulation.ReasoningSimulator;
import dev.marcoforge.sandbox.simulation.SimulationSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the framework-free simulation classes from the configuration. */
public class SimulationBeans {

    @Produces
    @Singleton
    SimulationSettings simulationSettings(SandboxConfig config) {
        return new SimulationSettings(
                config.error().skipLetterRate(),
                config.error().wrongSumRate(),
                config.critic().catchRate(),
                config.policy().catchRateFactor(),
                config.error().fullRateTemperature());
    }

    @Produces
    @Singleton
    CompletionEngine completionEngine(SimulationSettings settings, SandboxConfig config) {
        if (config.longThinker().meanRestarts() < 0) {
            throw new IllegalArgumentException("sandbox.long-thinker.mean-restarts must not be negative, got "
                    + config.longThinker().meanRestarts());
        }
        return new CompletionEngine(new ReasoningSimulator(settings, config.longThinker().meanRestarts()));
    }
}
