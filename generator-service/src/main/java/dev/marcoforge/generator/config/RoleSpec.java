package dev.marcoforge.generator.config;

/**
 * A model role a config defines beside policy and critic ({@code marco_forge.roles.<name>}): the server's URL (an
 * OpenAI-compatible base URL, or one ending in {@code /generate} for the reference protocol), the model name to send,
 * and how many of its requests may be in flight at once (null: the service's default).
 */
public record RoleSpec(String url, String model, Integer maxInFlight) {
}
