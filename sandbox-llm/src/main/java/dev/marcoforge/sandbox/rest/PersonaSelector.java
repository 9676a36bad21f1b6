package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.config.SandboxConfig;
import dev.marcoforge.sandbox.simulation.Persona;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PersonaSelector {

    static final String POLICY_MODEL = "sandbox-policy";
    static final String CRITIC_MODEL = "sandbox-critic";
    static final String LONG_THINKER_MODEL = "sandbox-longcot";

    private final String criticMarker;
    private final String longThinkerMarker;

    public PersonaSelector(SandboxConfig config) {
        this.criticMarker = config.critic().modelMarker();
        this.longThinkerMarker = config.longThinker().modelMarker();
    }

    public Persona forModel(String model) {
        return Persona.forModel(model, criticMarker, longThinkerMarker);
    }
}
