package dev.marcoforge.inference.upstream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * An OpenAI-compatible upstream's chat completions (and legacy text completions). The whole answer comes back as a raw response (the default
 * error mapper is off) so an error status can be passed on with the upstream's own message; a stream comes back
 * as the data of each server-sent event.
 */
@Path("/")
public interface UpstreamChatApi extends AutoCloseable {

    @POST
    @Path("chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> complete(ChatCompletionRequest request);

    @POST
    @Path("chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<String> stream(ChatCompletionRequest request);

    /** A raw prompt ({@code /completions}): the answer's choices carry {@code text}. */
    @POST
    @Path("completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> completeText(CompletionRequest request);

    @POST
    @Path("completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<String> streamText(CompletionRequest request);
}
