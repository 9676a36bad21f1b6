package dev.marcoforge.generator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.generator.search.SearchEngine;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;

/**
 * Submits search jobs and reports on them. A job runs through Kafka: this resource records it and publishes its
 * problems; the searches, their trees and chains are read back here.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final SearchEngine engine;
    private final JobQueries queries;

    public JobResource(SearchEngine engine, JobQueries queries) {
        this.engine = engine;
        this.queries = queries;
    }

    /**
     * Body: {@code {"name"?, "config": <Marco-o1 config> | "<built-in name>", "problems": [{id, problem,
     * solution}], "policyUrl"?, "criticUrl"?}}. 202 with the job id, or 400 naming every fault.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(String body, @Context UriInfo uri) {
        // The body is parsed here rather than bound, so malformed JSON gets the same errors shape as other faults.
        JsonNode json;
        try {
            json = MessageCodec.mapper().readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return badRequest(List.of("the request body is not valid JSON: " + e.getOriginalMessage()));
        }
        JobRequestReader.Outcome outcome = JobRequestReader.read(json);
        if (!outcome.errors().isEmpty()) {
            return badRequest(outcome.errors());
        }
        String jobId = engine.submit(outcome.submission());
        return Response.accepted(new Views.JobAccepted(jobId, outcome.submission().problems().size(), "RUNNING"))
                .location(uri.getBaseUriBuilder().path("api/jobs").path(jobId).build()).build();
    }

    @GET
    public List<Views.JobSummary> list() {
        return queries.jobs();
    }

    @GET
    @Path("/{jobId}")
    public Response job(@PathParam("jobId") String jobId) {
        return orNotFound(queries.job(jobId), "no job '" + jobId + "'");
    }

    @GET
    @Path("/{jobId}/problems/{problemId}/tree")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
    public Response tree(@PathParam("jobId") String jobId, @PathParam("problemId") String problemId,
            @QueryParam("format") String format) {
        String missing = "no tree for problem '" + problemId + "' of job '" + jobId + "' (unknown, or not started yet)";
        if (format == null || format.isBlank() || "reference".equals(format)) {
            return orNotFound(queries.referenceTree(jobId, problemId), missing);
        }
        if ("text".equals(format)) {
            return queries.textTree(jobId, problemId)
                    .map(text -> Response.ok(text, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build())
                    .orElseGet(() -> orNotFound(Optional.empty(), missing));
        }
        if ("nested".equals(format)) {
            return orNotFound(queries.tree(jobId, problemId), missing);
        }
        return badRequest(List.of("'format' must be reference (the default), text or nested, got '" + format + "'"));
    }

    @GET
    @Path("/{jobId}/chains")
    public Response chains(@PathParam("jobId") String jobId) {
        Optional<List<Chain>> chains = queries.chains(jobId);
        return orNotFound(chains, "no job '" + jobId + "'");
    }

    @GET
    @Path("/{jobId}/results")
    public Response results(@PathParam("jobId") String jobId) {
        Optional<List<SearchResult>> results = queries.results(jobId);
        return orNotFound(results, "no job '" + jobId + "'");
    }

    private static Response badRequest(List<String> errors) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Views.Errors(errors)).build();
    }

    private static Response orNotFound(Optional<?> value, String message) {
        return value.map(v -> Response.ok(v, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                        .entity(new Views.Errors(List.of(message))).build());
    }
}
