package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.marcoforge.gateway.keys.ApiKey;
import dev.marcoforge.gateway.keys.KeyAuthenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The OpenAI-compatible API's JAX-RS part ({@code /v1/models}); the completion endpoints are Vert.x routes
 * ({@link OpenAiRoutes}) because they answer JSON or a stream. The exception mappers here apply to this resource.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OpenAiResource {

    private final ModelCatalog catalog;
    private final KeyAuthenticator authenticator;

    public OpenAiResource(ModelCatalog catalog, KeyAuthenticator authenticator) {
        this.catalog = catalog;
        this.authenticator = authenticator;
    }

    /** The served models this key may call. */
    @GET
    @Path("/models")
    public ModelList models(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ApiKey key = authenticator.authenticateBlocking(authorization);
        return catalog.list(key::allows);
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
