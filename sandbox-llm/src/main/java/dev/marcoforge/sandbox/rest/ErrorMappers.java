package dev.marcoforge.sandbox.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves in OpenAI's error shape, which the OpenAI clients parse into their exceptions. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return respond(400, OpenAiError.of(e.getMessage(), "invalid_request_error", e.param(), e.code()));
    }

    @ServerExceptionMapper
    public Response busy(SandboxBusyException e) {
        return respond(429, OpenAiError.of(e.getMessage(), "rate_limit_error", null, "rate_limit_exceeded"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        return respond(status, OpenAiError.of(e.getMessage(), type, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected failure while simulating", e);
        return respond(500, OpenAiError.of("The sandbox simulator failed: " + e, "server_error", null, null));
    }

    private static Response respond(int status, OpenAiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
