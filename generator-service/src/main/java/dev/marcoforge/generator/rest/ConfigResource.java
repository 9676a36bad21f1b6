package dev.marcoforge.generator.rest;

import dev.marcoforge.generator.config.BuiltInConfigs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The built-in search configs a job may name, and their content, so a user can start from one. */
@Path("/api/configs")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    @GET
    public List<String> names() {
        return BuiltInConfigs.NAMES;
    }

    @GET
    @Path("/{name}")
    public Response config(@PathParam("name") String name) {
        return BuiltInConfigs.find(name).map(c -> Response.ok(c).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(new Views.Errors(List.of(
                        "no built-in config '" + name + "'; built-in: " + BuiltInConfigs.NAMES))).build());
    }
}
