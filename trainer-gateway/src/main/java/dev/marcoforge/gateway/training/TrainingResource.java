package dev.marcoforge.gateway.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Trainings of the embedded small model: {@code POST /api/trainings} starts one (202, then poll
 * {@code GET /api/trainings/{id}}), {@code POST /api/trainings/{id}/cancel} stops one. An internal API, like the
 * data set one: expose it to operators only.
 */
@Path("/api/trainings")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    private final TrainingService trainings;

    public TrainingResource(TrainingService trainings) {
        this.trainings = trainings;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        ObjectNode training = trainings.submit(body);
        return Response.accepted(training).location(URI.create("/api/trainings/" + training.path("id").asText()))
                .build();
    }

    @GET
    public List<ObjectNode> list() {
        return trainings.recent();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return trainings.find(id).map(t -> Response.ok(t).build())
                .orElseGet(() -> Response.status(404).entity(Map.of("error", "no training '" + id + "'")).build());
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        if (trainings.cancel(id)) {
            return Response.accepted(Map.of("id", id, "cancelling", true)).build();
        }
        return trainings.find(id).map(t -> Response.status(409).entity(Map.of("error", "training '" + id + "' is "
                + t.path("status").asText().toLowerCase() + "; only a queued or running training can be cancelled"))
                .build())
                .orElseGet(() -> Response.status(404).entity(Map.of("error", "no training '" + id + "'")).build());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidTrainingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "the training cannot start: " + e.getMessage(), "problems", e.problems()))
                .build();
    }
}
