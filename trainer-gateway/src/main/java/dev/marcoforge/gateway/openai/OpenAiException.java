package dev.marcoforge.gateway.openai;

import java.util.List;
import java.util.stream.Collectors;

/** A failure of a /v1 call, answered with its HTTP status and an {@link OpenAiError} body. */
public class OpenAiException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final long retryAfterSeconds;

    public OpenAiException(int status, String type, String message, String param, String code) {
        this(status, type, message, param, code, 0);
    }

    public OpenAiException(int status, String type, String message, String param, String code,
            long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 401 in OpenAI's words; {@code code} is {@code invalid_api_key} for a key that is wrong (not missing). */
    public static OpenAiException unauthorized(String message, String code) {
        return new OpenAiException(401, INVALID_REQUEST, message, null, code);
    }

    /** 429 with the seconds after which a retry can succeed ({@code Retry-After}). */
    public static OpenAiException rateLimited(String message, long retryAfterSeconds) {
        return new OpenAiException(429, "rate_limit_exceeded", message, null, "rate_limit_exceeded",
                Math.max(1, retryAfterSeconds));
    }

    public static OpenAiException modelNotFound(String model) {
        return new OpenAiException(404, INVALID_REQUEST, "The model '" + model
                + "' does not exist or you do not have access to it.", "model", "model_not_found");
    }

    /** Seconds to wait before retrying; 0 when the failure says nothing about it. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 400 naming every problem; {@code param} is the first problem's field, as OpenAI names one. */
    public static OpenAiException invalid(List<FieldProblem> problems) {
        String message = problems.stream().map(FieldProblem::message).collect(Collectors.joining("; "));
        return new OpenAiException(400, INVALID_REQUEST, message, problems.get(0).param(), null);
    }

    public static OpenAiException invalid(String param, String message) {
        return invalid(List.of(new FieldProblem(param, message)));
    }

    public int status() {
        return status;
    }

    public OpenAiError body() {
        return OpenAiError.of(getMessage(), type, param, code);
    }

    /** One invalid field of a request; {@code param} is null when the body as a whole is wrong. */
    public record FieldProblem(String param, String message) {
    }
}
