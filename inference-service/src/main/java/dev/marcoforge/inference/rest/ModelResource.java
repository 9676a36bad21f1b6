package dev.marcoforge.inference.rest;

import dev.marcoforge.inference.upstream.BackendRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/** Lists the served model names, for operators; clients reach models through the gateway only. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final BackendRegistry backends;

    public ModelResource(BackendRegistry backends) {
        this.backends = backends;
    }

    @GET
    public Set<String> names() {
        return backends.names();
    }
}
