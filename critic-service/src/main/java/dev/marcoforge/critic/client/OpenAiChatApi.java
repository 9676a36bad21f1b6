package dev.marcoforge.critic.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * OpenAI-compatible chat completions. Returns the raw response (the default error mapper is off) so an error
 * status can be reported with the server's own message.
 */
@Path("/chat/completions")
public interface OpenAiChatApi extends AutoCloseable {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response complete(ChatCompletionRequest request);
}
