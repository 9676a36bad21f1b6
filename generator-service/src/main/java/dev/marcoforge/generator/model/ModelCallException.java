package dev.marcoforge.generator.model;

/** A model call that failed; the message names the endpoint and what went wrong, ready for a problem's status. */
public class ModelCallException extends RuntimeException {

    public ModelCallException(String message) {
        super(message);
    }

    public ModelCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
