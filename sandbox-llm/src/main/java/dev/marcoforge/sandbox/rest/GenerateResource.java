package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.config.SandboxConfig;
import dev.marcoforge.sandbox.simulation.CompletionEngine;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GenerationRequest;
import dev.marcoforge.sandbox.simulation.Conversation;
import dev.marcoforge.sandbox.simulation.Persona;
import dev.marcoforge.sandbox.simulation.Tokenizer;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The Marco-o1 reference's own protocol. The reference runs the policy and the "special model" (critic) as two
 * servers; here they are two paths of one server, and a {@code model} field may also pick the persona.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class GenerateResource {

    private static final String ENDPOINT = "generate";

    private final ObjectMapper mapper;
    private final CompletionEngine engine;
    private final PersonaSelector personas;
    private final CompletionServer server;
    private final SandboxConfig config;

    public GenerateResource(ObjectMapper mapper, CompletionEngine engine, PersonaSelector personas,
                            CompletionServer server, SandboxConfig config) {
        this.mapper = mapper;
        this.engine = engine;
        this.personas = personas;
        this.server = server;
        this.config = config;
    }

    @POST
    @Path("generate")
    @Blocking
    @Operation(summary = "Reference /generate: continue model_output after user_question (policy persona)")
    public GenerateResponse generate(String body) {
        GenerateCall call = GenerateCall.read(mapper, body, config.defaultMaxTokens());
        return serve(call, personas.forModel(call.model().orElse(PersonaSelector.POLICY_MODEL)));
    }

    @POST
    @Path("critic/generate")
    @Blocking
    @Operation(summary = "Reference /generate answered by the critic persona (the reference's special model)")
    public GenerateResponse generateAsCritic(String body) {
        return serve(GenerateCall.read(mapper, body, config.defaultMaxTokens()), Persona.CRITIC);
    }

    private GenerateResponse serve(GenerateCall call, Persona persona) {
        GenerationRequest request = new GenerationRequest(persona, call.temperature(), call.seed(), call.n(),
                call.maxTokens(), call.endTokens());
        int promptTokens = Tokenizer.count(call.userQuestion()) + Tokenizer.count(call.modelOutput());
        List<GeneratedChoice> choices = server.serveWhole(ENDPOINT, persona, promptTokens,
                () -> engine.generate(new Conversation(call.userQuestion(), call.modelOutput()), request));
        return new GenerateResponse(choices.stream().map(GeneratedChoice::text).collect(Collectors.toList()));
    }
}
