package dev.marcoforge.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.InferenceResult.Error;
import dev.marcoforge.contracts.MessageCodec;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeoutException;

/**
 * Failures in OpenAI's error vocabulary, with the HTTP status the gateway answers with. Messages name the served
 * model, never the upstream URL: clients see them, and the upstream is internal (the logs have the URL).
 */
public final class ErrorMapping {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String UPSTREAM_ERROR = "upstream_error";
    public static final String TIMEOUT = "timeout";
    private static final int MAX_QUOTED_BODY = 300;

    private ErrorMapping() {
    }

    public static Error unknownModel(String model, Collection<String> known) {
        return new Error(404, INVALID_REQUEST, "The model '" + model + "' does not exist; known models: "
                + (known.isEmpty() ? "(none configured)" : String.join(", ", known)), "model_not_found");
    }

    public static Error deadlinePassed(String model, String when) {
        return new Error(504, TIMEOUT, "The request to model '" + model + "' passed its deadline " + when
                + "; it was dropped", "deadline_exceeded");
    }

    /** The caller went away; 499 is the status proxies log for that (nobody receives this answer). */
    public static Error cancelled(String model, String when) {
        return new Error(499, "cancelled", "The request to model '" + model + "' was cancelled by its caller " + when,
                "client_cancelled");
    }

    public static Error stopping(String model) {
        return new Error(503, UPSTREAM_ERROR, "The request to model '" + model
                + "' was not run: the inference service is stopping", "service_stopping");
    }

    public static Error upstreamTimeout(String model, Duration limit) {
        return new Error(504, TIMEOUT, "The upstream of model '" + model + "' did not answer within "
                + limit.toMillis() + " ms", "upstream_timeout");
    }

    public static Error unreachable(String model, String cause) {
        return new Error(502, UPSTREAM_ERROR, "The upstream of model '" + model + "' is unreachable: " + cause,
                "upstream_unreachable");
    }

    public static Error badResponse(String model, String what) {
        return new Error(502, UPSTREAM_ERROR, "The upstream of model '" + model + "' answered " + what,
                "upstream_bad_response");
    }

    /**
     * An error status from the upstream. A client error is the caller's to fix, so it passes through with the
     * upstream's status, type, message and code; authentication failures are the exception, since they mean this
     * service's upstream key is wrong, not the caller's. A server error becomes 502.
     */
    public static Error fromStatus(String model, int status, String body) {
        JsonNode error = errorObject(body);
        String message = text(error, "message");
        if (message == null) {
            message = excerpt(body);
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403) {
            String type = text(error, "type");
            return new Error(status, type == null ? INVALID_REQUEST : type, message, text(error, "code"));
        }
        return new Error(502, UPSTREAM_ERROR, "The upstream of model '" + model + "' failed with HTTP " + status
                + ": " + message, "upstream_status_" + status);
    }

    /** A call that produced no response: the upstream was unreachable, too slow, or broke off. */
    public static Error fromException(String model, Throwable failure, Duration limit) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InferenceFailure known) {
                return known.error();
            }
            // A stream's client reports an error status as an exception rather than a response.
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                return fromStatus(model, web.getResponse().getStatus(), body(web.getResponse()));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return unreachable(model, describe(t));
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return upstreamTimeout(model, limit);
            }
        }
        return new Error(502, UPSTREAM_ERROR, "The call to the upstream of model '" + model + "' failed: "
                + describe(root(failure)), "upstream_failed");
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static JsonNode errorObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MessageCodec.mapper().readTree(body);
            if (node == null) {
                return null;
            }
            JsonNode error = node.get("error");
            if (error != null && error.isObject()) {
                return error;
            }
            // Some servers put the fields at the top level, or a plain string under "error" or "detail".
            var flat = MessageCodec.mapper().createObjectNode();
            for (String field : new String[] { "error", "detail", "message" }) {
                JsonNode value = node.get(field);
                if (value != null && !value.isNull() && !flat.has("message")) {
                    flat.put("message", value.isTextual() ? value.asText() : value.toString());
                }
            }
            return flat.has("message") ? flat : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.isBlank() ? null : text;
    }

    private static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_QUOTED_BODY ? flat : flat.substring(0, MAX_QUOTED_BODY) + "...";
    }

    private static Throwable root(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
