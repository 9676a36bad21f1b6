package dev.marcoforge.sandbox.rest;

/** A request the OpenAI API would reject with 400; {@code param} names the offending field, if there is one. */
public class InvalidRequestException extends RuntimeException {

    private final String param;
    private final String code;

    public InvalidRequestException(String param, String message) {
        this(param, message, null);
    }

    public InvalidRequestException(String param, String message, String code) {
        super(message);
        this.param = param;
        this.code = code;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
