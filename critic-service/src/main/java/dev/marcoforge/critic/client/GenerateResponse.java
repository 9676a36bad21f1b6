package dev.marcoforge.critic.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The reference server's answer: one text per sample. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerateResponse(List<String> response) {

    public List<String> texts() {
        return response == null ? List.of() : response.stream().map(t -> t == null ? "" : t).toList();
    }
}
