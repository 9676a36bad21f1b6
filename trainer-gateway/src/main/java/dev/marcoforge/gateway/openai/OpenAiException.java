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

    public OpenAiException(int status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
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
