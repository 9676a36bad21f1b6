package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The OpenAI-compatible API. The body is read as a JSON tree and validated by hand, so every error (even a body
 * that is no JSON at all) comes back in OpenAI's error shape naming the field. The exception mappers here apply to
 * these endpoints only.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OpenAiResource {

    private final ChatCompletionService completions;
    private final ModelCatalog catalog;

    public OpenAiResource(ChatCompletionService completions, ModelCatalog catalog) {
        this.completions = completions;
        this.catalog = catalog;
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ChatCompletionResponse> chatCompletions(JsonNode body) {
        return Uni.createFrom().item(() -> ChatRequestValidator.validate(body)).chain(completions::complete);
    }

    @GET
    @Path("/models")
    public ModelList models() {
        return catalog.list();
    }

    @ServerExceptionMapper
    public Response openAiFailure(OpenAiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
    }

    /** Quarkus REST wraps a body Jackson cannot parse into a 400 WebApplicationException; JSON errors keep that. */
    @ServerExceptionMapper
    public Response requestFailure(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String message = e.getCause() instanceof JsonProcessingException json
                ? "the request body is not valid JSON: " + json.getOriginalMessage()
                : e.getMessage();
        String type = status < 500 ? OpenAiException.INVALID_REQUEST : "api_error";
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(OpenAiError.of(message, type, null, null)).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(OpenAiError.of(
                "the request body is not valid JSON: " + e.getOriginalMessage(), OpenAiException.INVALID_REQUEST,
                null, null)).build();
    }
}
