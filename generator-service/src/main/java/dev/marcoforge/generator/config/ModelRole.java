package dev.marcoforge.generator.config;

/** The names a node's {@code modelRole} takes: who wrote its text. */
public final class ModelRole {

    /** The root holds the user's question. */
    public static final String USER = "user";
    public static final String POLICY = "policy";
    public static final String CRITIC = "critic";

    private ModelRole() {
    }
}
