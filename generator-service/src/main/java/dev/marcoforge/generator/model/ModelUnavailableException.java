package dev.marcoforge.generator.model;

/** The model could not be reached, timed out, or failed on its side (5xx): worth another attempt. */
public class ModelUnavailableException extends ModelCallException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
