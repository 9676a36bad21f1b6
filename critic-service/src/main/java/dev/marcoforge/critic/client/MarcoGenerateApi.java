package dev.marcoforge.critic.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The Marco-o1 reference generation server: a question, the output so far, and where to stop. */
@Path("/generate")
public interface MarcoGenerateApi extends AutoCloseable {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response generate(GenerateRequest request);
}
