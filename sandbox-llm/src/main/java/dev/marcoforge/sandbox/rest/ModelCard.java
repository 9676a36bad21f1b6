package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenAI's model object, plus a description that says plainly it is a simulator. */
public record ModelCard(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
                        String description) {
}
