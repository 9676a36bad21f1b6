package dev.marcoforge.critic.client;

/** A failure that another attempt may not meet: the server was unreachable, overloaded or briefly broken. */
public class TransientModelCallException extends ModelCallException {

    public TransientModelCallException(Kind kind, String message, Throwable origin) {
        super(kind, message, origin);
    }
}
