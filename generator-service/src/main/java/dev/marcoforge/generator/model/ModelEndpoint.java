package dev.marcoforge.generator.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Where one model call goes: the role (for messages), the URL, the model name for OpenAI-compatible servers, the key,
 * the per-attempt timeout, and how many calls to it may be in flight at once. A URL ending in {@code /generate}
 * speaks the Marco-o1 reference protocol.
 */
public record ModelEndpoint(String role, String url, String model, Optional<String> apiKey, Duration timeout,
        int maxInFlight) {

    /** The key of the bound on calls in flight: one per role and server. */
    public String slotKey() {
        return role + "|" + url;
    }

    public boolean speaksReferenceProtocol() {
        return url.endsWith("/generate");
    }

    /** How the endpoint is named in errors, e.g. {@code policy model http://127.0.0.1:8090/v1}. */
    public String describe() {
        return role + " model " + url;
    }
}
