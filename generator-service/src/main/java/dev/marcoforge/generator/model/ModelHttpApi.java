package dev.marcoforge.generator.model;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The HTTP surface of a model server: OpenAI chat completions under a base URL, or the reference's generate URL. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ModelHttpApi {

    @POST
    @Path("/chat/completions")
    JsonNode chatCompletions(@HeaderParam("Authorization") String authorization, ChatCompletionRequest request);

    /** Posts to the base URL itself, which for the reference protocol is the full {@code .../generate} URL. */
    @POST
    JsonNode generate(@HeaderParam("Authorization") String authorization, GenerateRequest request);
}
