package dev.marcoforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One problem of a job, to be searched. {@code searchConfig} is the job's config in the Marco-o1 JSON config format,
 * carried as JSON so every generator replica reads the same config the job was submitted with.
 */
public record SearchRequest(int schemaVersion, String jobId, Problem problem, JsonNode searchConfig) {

    public static final int SCHEMA_VERSION = 1;

    public SearchRequest {
        Require.schema(schemaVersion, SCHEMA_VERSION, "SearchRequest");
        Require.text(jobId, "jobId");
        Require.present(problem, "problem");
        Require.present(searchConfig, "searchConfig");
    }

    public static SearchRequest of(String jobId, Problem problem, JsonNode searchConfig) {
        return new SearchRequest(SCHEMA_VERSION, jobId, problem, searchConfig);
    }
}
