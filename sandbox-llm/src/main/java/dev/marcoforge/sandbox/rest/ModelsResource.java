package dev.marcoforge.sandbox.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    /** A fixed date keeps listings identical across restarts (2025-01-01). */
    private static final long CREATED = 1_735_689_600L;
    private static final String OWNER = "marco-forge-sandbox";

    private final PersonaSelector personas;

    public ModelsResource(PersonaSelector personas) {
        this.personas = personas;
    }

    @GET
    @Operation(summary = "The simulated models: a policy and a critic persona (simulators, not models)")
    public ModelList list() {
        return new ModelList("list", List.of(card(PersonaSelector.POLICY_MODEL), card(PersonaSelector.CRITIC_MODEL),
                card(PersonaSelector.LONG_THINKER_MODEL)));
    }

    /** The simulator answers for any model name, so any name can be retrieved. */
    @GET
    @Path("/{model}")
    @Operation(summary = "One simulated model; any name is answered")
    public ModelCard get(@PathParam("model") String model) {
        return card(model);
    }

    private ModelCard card(String id) {
        return new ModelCard(id, "model", CREATED, OWNER, "Simulator of a Marco-o1 style reasoning "
                + personas.forModel(id).label()
                + " on letter-counting tasks, for offline runs and tests. Not a language model.");
    }
}
