package dev.marcoforge.generator.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Problem;
import dev.marcoforge.generator.config.SearchConfig;
import java.util.List;

/** A checked job: its effective config (URL overrides applied) and its problems. */
public record JobSubmission(String name, SearchConfig config, JsonNode configJson, List<Problem> problems) {

    public JobSubmission {
        problems = List.copyOf(problems);
    }
}
