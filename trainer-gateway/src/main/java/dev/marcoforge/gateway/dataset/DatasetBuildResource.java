package dev.marcoforge.gateway.dataset;

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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Builds data sets from stored chains and serves their stats and files:
 * {@code POST /api/datasets} (jobs and options) builds one, {@code GET /api/datasets/{id}} gives its stats,
 * {@code GET /api/datasets/{id}/files/{path}} downloads a file, {@code GET /api/datasets/jobs/{jobId}} tells how much
 * of a job has reached the gateway.
 */
@Path("/api/datasets")
public class DatasetBuildResource {

    private final DatasetService datasets;

    public DatasetBuildResource(DatasetService datasets) {
        this.datasets = datasets;
    }

    /** The answer of a build: the id, the stats and where each file can be downloaded. */
    public record BuildResponse(String id, DatasetStats stats, List<FileLink> files, int sftPublished,
            int dpoPublished) {
    }

    public record FileLink(String path, String url) {
    }

    /** A request the gateway cannot build from, with every problem named. */
    public record BuildError(String error, List<String> problems) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response build(String body) {
        DatasetService.Built built = datasets.build(DatasetRequests.parse(body));
        List<FileLink> links = built.files().stream()
                .map(f -> new FileLink(f, "/api/datasets/" + built.id() + "/files/" + f)).toList();
        return Response.created(URI.create("/api/datasets/" + built.id()))
                .entity(new BuildResponse(built.id(), built.stats(), links, built.sftPublished(),
                        built.dpoPublished()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stats(@PathParam("id") String id) {
        return datasets.statsJson(id).map(s -> Response.ok(s, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> notFound("no data set '" + id + "' has been built"));
    }

    @GET
    @Path("/{id}/files")
    @Produces(MediaType.APPLICATION_JSON)
    public Response files(@PathParam("id") String id) {
        if (datasets.statsJson(id).isEmpty()) {
            return notFound("no data set '" + id + "' has been built");
        }
        return Response.ok(DatasetFormats.FILES.stream().filter(f -> datasets.file(id, f).isPresent())
                .map(f -> new FileLink(f, "/api/datasets/" + id + "/files/" + f)).toList()).build();
    }

    @GET
    @Path("/{id}/files/{path: .+}")
    public Response file(@PathParam("id") String id, @PathParam("path") String path) {
        return datasets.file(id, path)
                .map(f -> Response.ok(f.toFile(), path.endsWith(".jsonl") ? DatasetResource.NDJSON
                        : MediaType.APPLICATION_JSON)
                        .header("Content-Disposition", "attachment; filename=\"" + f.getFileName() + "\"").build())
                .orElseGet(() -> notFound("data set '" + id + "' has no file '" + path + "'; files are "
                        + DatasetFormats.FILES));
    }

    @GET
    @Path("/jobs/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    public DatasetService.JobProgress progress(@PathParam("jobId") String jobId) {
        return datasets.progress(jobId);
    }

    @ServerExceptionMapper
    public Response invalid(DatasetOptions.InvalidOptionsException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new BuildError("the data set cannot be built: " + e.getMessage(), e.problems())).build();
    }

    @ServerExceptionMapper
    public Response badId(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new BuildError(e.getMessage(), List.of(e.getMessage()))).build();
    }

    private static Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new DatasetResource.ApiError(message)).build();
    }
}
