package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's model listing. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
