package dev.marcoforge.model;

import java.util.Objects;

/** One message of a conversation: {@code system}, {@code user} or {@code assistant}, and its text. */
public record ChatTurn(String role, String content) {

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
            throw new IllegalArgumentException("unknown chat role '" + role + "' (system, user or assistant)");
        }
    }

    public static ChatTurn system(String content) {
        return new ChatTurn("system", content);
    }

    public static ChatTurn user(String content) {
        return new ChatTurn("user", content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn("assistant", content);
    }
}
