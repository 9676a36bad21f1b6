package dev.marcoforge.critic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.critic.client.ModelCallException.Kind;
import dev.marcoforge.critic.config.CriticConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Calls the critic model and returns its texts, or throws a {@link ModelCallException} that names the endpoint and
 * the cause. At most {@code max-concurrency} calls run at once; the rest queue fairly. Unreachable or overloaded
 * servers get two more attempts; a timeout does not, since a model that is too slow once will be too slow again
 * and retrying would only triple the wait.
 */
@ApplicationScoped
public class CriticModelClient {

    private static final int MAX_QUOTED_BODY = 300;

    private final ModelClients clients;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Semaphore slots;

    public CriticModelClient(ModelClients clients, ObjectMapper json, CriticConfig config) {
        this.clients = clients;
        this.json = json;
        this.timeout = config.timeout();
        this.slots = new Semaphore(Math.max(1, config.maxConcurrency()), true);
    }

    @Retry(maxRetries = 2, delay = 500, jitter = 250, retryOn = TransientModelCallException.class)
    public CriticOutput generate(CriticCall call) {
        // The slot is taken per attempt, so a request waiting out its retry delay does not hold one.
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException(Kind.UNREACHABLE, "interrupted while waiting to call the critic model at "
                    + call.endpoint().callUrl(), e);
        }
        try {
            if (call instanceof CriticCall.Chat chat) {
                var api = clients.chat(chat.endpoint(), chat.withApiKey());
                ChatCompletionResponse body = send(chat.endpoint(), () -> api.complete(chat.body()),
                        ChatCompletionResponse.class);
                List<String> texts = nonEmpty(chat.endpoint(), body.texts(), "no choices");
                if (!Boolean.TRUE.equals(chat.body().logprobs())) {
                    return new CriticOutput(texts, null);
                }
                try {
                    return new CriticOutput(texts, body.confidences());
                } catch (IllegalArgumentException e) {
                    throw new ModelCallException(Kind.BAD_RESPONSE, "critic model at " + chat.endpoint().callUrl()
                            + " answered without usable logprobs (" + e.getMessage() + "), which the search's"
                            + " confidence reward needs", e);
                }
            }
            var generate = (CriticCall.Generate) call;
            var api = clients.generate(generate.endpoint(), generate.withApiKey());
            GenerateResponse body = send(generate.endpoint(), () -> api.generate(generate.body()),
                    GenerateResponse.class);
            return new CriticOutput(nonEmpty(generate.endpoint(), body.texts(), "an empty 'response' list"), null);
        } finally {
            slots.release();
        }
    }

    private <T> T send(ModelEndpoint endpoint, Supplier<Response> call, Class<T> type) {
        Response response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            throw failure(endpoint, e);
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 400) {
                throw statusFailure(endpoint, status, safeBody(response));
            }
            String body = response.readEntity(String.class);
            try {
                T value = json.readValue(body, type);
                if (value == null) {
                    throw new IllegalArgumentException("null body");
                }
                return value;
            } catch (Exception e) {
                throw new ModelCallException(Kind.BAD_RESPONSE, "critic model at " + endpoint.callUrl()
                        + " answered HTTP " + status + " with a body that is not a " + type.getSimpleName() + ": "
                        + excerpt(body), e);
            }
        } catch (ModelCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(endpoint, e);
        }
    }

    private static List<String> nonEmpty(ModelEndpoint endpoint, List<String> texts, String what) {
        if (texts.isEmpty()) {
            throw new ModelCallException(Kind.BAD_RESPONSE,
                    "critic model at " + endpoint.callUrl() + " answered with " + what, null);
        }
        return texts;
    }

    private ModelCallException statusFailure(ModelEndpoint endpoint, int status, String body) {
        String message = "critic model at " + endpoint.callUrl() + " answered HTTP " + status + ": "
                + errorMessage(body);
        // Overload and server faults pass; any other client error would fail the same way again.
        return status == 429 || status >= 500 ? new TransientModelCallException(Kind.HTTP_STATUS, message, null)
                : new ModelCallException(Kind.HTTP_STATUS, message, null);
    }

    private ModelCallException failure(ModelEndpoint endpoint, Throwable error) {
        String where = "critic model at " + endpoint.callUrl();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new TransientModelCallException(Kind.UNREACHABLE,
                        where + " is unreachable: " + describe(t), error);
            }
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return new ModelCallException(Kind.TIMEOUT,
                        where + " did not answer within " + timeout.toMillis() + " ms", error);
            }
        }
        return new TransientModelCallException(Kind.UNREACHABLE, where + " failed: " + describe(root(error)),
                error);
    }

    private String errorMessage(String body) {
        // OpenAI-style servers answer {"error": {"message": ...}}; FastAPI answers {"detail": ...}.
        try {
            JsonNode node = json.readTree(body);
            JsonNode message = node.path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
            if (node.path("error").isTextual()) {
                return node.path("error").asText();
            }
            if (node.has("detail")) {
                return excerpt(node.get("detail").toString());
            }
        } catch (Exception ignored) {
            // not JSON: quote it as it is
        }
        return excerpt(body);
    }

    private static String safeBody(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
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
