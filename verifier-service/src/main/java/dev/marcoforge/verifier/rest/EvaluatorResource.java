package dev.marcoforge.verifier.rest;

import dev.marcoforge.verifier.evaluation.EvaluatorRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/** Lists the evaluator names a search config may use, so a job can be checked before it runs. */
@Path("/api/evaluators")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluatorResource {

    private final EvaluatorRegistry registry;

    public EvaluatorResource(EvaluatorRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Set<String> names() {
        return registry.names();
    }
}
