package dev.marcoforge.gateway.dataset;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Serves the SFT data sets the gateway builds, one JSONL file per job. */
@Path("/api/datasets/sft")
public class DatasetResource {

    static final String NDJSON = "application/x-ndjson";

    private final SftDatasetService datasets;

    public DatasetResource(SftDatasetService datasets) {
        this.datasets = datasets;
    }

    @GET
    @Path("/{jobId}")
    @Produces({ NDJSON, MediaType.APPLICATION_JSON })
    public Response sft(@PathParam("jobId") String jobId) throws IOException {
        var file = datasets.sftFile(jobId).orElse(null);
        if (file == null) {
            return notFound("no SFT data set for job '" + jobId + "': no correct chain of it has arrived");
        }
        // Measured once: lines appended while the file is sent are left for the next download, and a line being
        // written right now is not cut in half.
        long length = JsonlAppender.completeLength(file);
        StreamingOutput body = out -> {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    left -= read;
                }
            }
        };
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"").build();
    }

    @GET
    @Path("/{jobId}/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stats(@PathParam("jobId") String jobId) {
        return datasets.stats(jobId).map(s -> Response.ok(s).build())
                .orElseGet(() -> notFound("no chains of job '" + jobId + "' have arrived"));
    }

    @ServerExceptionMapper
    public Response badJobId(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.getMessage())).build();
    }

    private static Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(message)).build();
    }

    /** The error body of the /api endpoints. */
    public record ApiError(String error) {
    }
}
