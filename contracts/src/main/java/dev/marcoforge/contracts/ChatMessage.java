package dev.marcoforge.contracts;

import java.util.Set;

/** One turn of a conversation in the OpenAI chat shape. */
public record ChatMessage(String role, String content) {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatMessage {
        Require.text(role, "role");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("'role' must be one of " + ROLES + ", got '" + role + "'");
        }
        Require.present(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
