package dev.marcoforge.critic.client;

/**
 * A model call that failed; the message names the endpoint and the cause, ready for {@code CriticResult.error}.
 * Failures worth another attempt are {@link TransientModelCallException}s.
 */
public class ModelCallException extends RuntimeException {

    /** Why a call failed, as a metric tag. */
    public enum Kind {
        UNREACHABLE, TIMEOUT, HTTP_STATUS, BAD_RESPONSE, BAD_REQUEST
    }

    private final Kind kind;

    public ModelCallException(Kind kind, String message, Throwable origin) {
        super(message, origin);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
