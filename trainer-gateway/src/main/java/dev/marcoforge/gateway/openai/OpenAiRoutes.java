package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.gateway.keys.ApiKey;
import dev.marcoforge.gateway.keys.KeyAuthenticator;
import dev.marcoforge.gateway.keys.KeyLimits;
import dev.marcoforge.gateway.keys.KeyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions} as plain Vert.x routes: one endpoint answers
 * JSON or, with {@code "stream": true}, server-sent events written as each chunk comes off Kafka, which a JAX-RS
 * method cannot switch between per request. Order of checks, as OpenAI: key (401), body (415/400), model (404),
 * limits (429). A client that goes away cancels its wait and frees its pending entry at once.
 */
@ApplicationScoped
public class OpenAiRoutes {

    private static final Logger LOG = Logger.getLogger(OpenAiRoutes.class);
    /** Large enough for long conversations; a bigger body is refused with 413 before it is parsed. */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final ChatCompletionService completions;
    private final ModelCatalog catalog;
    private final ReasoningParsers parsers;
    private final KeyAuthenticator authenticator;
    private final KeyLimits limits;
    private final KeyMetrics keyMetrics;
    private final MeterRegistry meters;
    private final ObjectMapper json;

    public OpenAiRoutes(ChatCompletionService completions, ModelCatalog catalog, ReasoningParsers parsers,
            KeyAuthenticator authenticator, KeyLimits limits, KeyMetrics keyMetrics, MeterRegistry meters,
            ObjectMapper json) {
        this.completions = completions;
        this.catalog = catalog;
        this.parsers = parsers;
        this.authenticator = authenticator;
        this.limits = limits;
        this.keyMetrics = keyMetrics;
        this.meters = meters;
        this.json = json;
    }

    void register(@Observes Router router) {
        for (Endpoint endpoint : Endpoint.values()) {
            router.post(endpoint.path).order(-10)
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                    .handler(ctx -> handle(ctx, endpoint))
                    .failureHandler(this::routeFailure);
        }
    }

    enum Endpoint {
        CHAT("/v1/chat/completions", "chat.completions"),
        TEXT("/v1/completions", "completions");

        final String path;
        final String tag;

        Endpoint(String path, String tag) {
            this.path = path;
            this.tag = tag;
        }
    }

    /** What a call is, as far as it got, for the metrics at its end. */
    private static final class Call {
        final long start = System.nanoTime();
        final Endpoint endpoint;
        ApiKey key;
        String model;
        boolean stream;
        KeyLimits.Permit permit;
        int tokensUsed;
        InferenceResult.Usage usage;
        boolean recorded;

        Call(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    private void handle(RoutingContext ctx, Endpoint endpoint) {
        Call call = new Call(endpoint);
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        AtomicReference<Cancellable> work = new AtomicReference<>();
        onClose(ctx.response(), () -> {
            Cancellable running = work.get();
            if (running != null) {
                running.cancel();
            }
        });
        work.set(authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
                .map(key -> {
                    call.key = key;
                    requireJson(contentType);
                    ChatCompletionRequest request = parse(ctx, endpoint);
                    call.model = request.model();
                    call.stream = request.stream();
                    if (!catalog.serves(request.model()) || !key.allows(request.model())) {
                        throw OpenAiException.modelNotFound(request.model());
                    }
                    ReasoningParser parser = parsers.resolve(request.model(), request.reasoningParser(),
                            ctx.request().getHeader(ReasoningParsers.HEADER));
                    call.permit = limits.admit(key);
                    return new Prepared(request, parser);
                })
                .subscribe().with(prepared -> {
                    if (prepared.request.stream()) {
                        stream(ctx, call, prepared);
                    } else {
                        complete(ctx, call, prepared);
                    }
                }, failure -> fail(ctx, call, failure)));
    }

    /** Runs {@code action} when the client goes away before the answer is complete. */
    private static void onClose(HttpServerResponse response, Runnable action) {
        if (response.ended() || response.closed()) {
            return;
        }
        try {
            response.closeHandler(v -> action.run());
        } catch (IllegalStateException alreadyWritten) {
            // answered in the meantime: nothing left to cancel
        }
    }

    private record Prepared(ChatCompletionRequest request, ReasoningParser parser) {
    }

    private void complete(RoutingContext ctx, Call call, Prepared prepared) {
        ChatCompletionRequest request = prepared.request;
        String id = ChatCompletionService.newId(request);
        long created = Instant.now().getEpochSecond();
        Cancellable waiting = completions.complete(request, id).subscribe().with(result -> {
            call.usage = result.usage();
            call.tokensUsed = CompletionShapes.tokensUsed(result.choices(), result.usage());
            Object body = request.rawPrompt() ? CompletionShapes.text(id, created, request.model(), result)
                    : CompletionShapes.chat(id, created, request.model(), result, prepared.parser);
            writeJson(ctx.response(), 200, body);
            finished(call, 200);
        }, failure -> fail(ctx, call, failure));
        onClose(ctx.response(), () -> {
            waiting.cancel();
            finished(call, 499);
        });
    }

    /**
     * Streams the results as server-sent events. The status line waits for the first result, so a request that
     * fails before any output still gets its error status; after that an error is an event with an {@code error}
     * key, and the stream ends.
     */
    private void stream(RoutingContext ctx, Call call, Prepared prepared) {
        ChatCompletionRequest request = prepared.request;
        String id = ChatCompletionService.newId(request);
        HttpServerResponse response = ctx.response();
        var shaper = new StreamShaper(id, Instant.now().getEpochSecond(), request.model(), request.n(),
                request.includeUsage(), request.rawPrompt(), prepared.parser);
        Cancellable cancellable = completions.stream(request, id).subscribe().with(result -> {
            if (response.closed()) {
                return;
            }
            if (!response.headWritten()) {
                response.setStatusCode(200).setChunked(true)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .putHeader("X-Accel-Buffering", "no");
                writeEvents(response, shaper.opening());
            }
            writeEvents(response, shaper.on(result));
            call.tokensUsed = shaper.tokensUsed();
            call.usage = shaper.usage();
        }, failure -> {
            call.tokensUsed = shaper.tokensUsed();
            if (!response.headWritten()) {
                fail(ctx, call, failure);
                return;
            }
            OpenAiException error = asOpenAi(failure);
            if (!response.closed()) {
                response.end(event(error.body()));
            }
            finished(call, error.status());
        }, () -> {
            if (!response.closed()) {
                if (!response.headWritten()) {
                    response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                }
                response.end(DONE);
            }
            finished(call, 200);
        });
        onClose(response, () -> {
            LOG.debugf("client of %s went away; its stream is cancelled", id);
            cancellable.cancel();
            call.tokensUsed = shaper.tokensUsed();
            finished(call, 499);
        });
    }

    private ChatCompletionRequest parse(RoutingContext ctx, Endpoint endpoint) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw OpenAiException.invalid(null, "the request body is required: a JSON object");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw OpenAiException.invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw OpenAiException.invalid(null, "the request body cannot be read: " + e.getMessage());
        }
        return endpoint == Endpoint.CHAT ? ChatRequestValidator.validate(tree)
                : ChatRequestValidator.validateCompletion(tree);
    }

    private static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new OpenAiException(415, OpenAiException.INVALID_REQUEST, "the request body must be JSON, sent"
                    + " with 'Content-Type: application/json'; got " + (contentType == null ? "no Content-Type"
                            : "'" + contentType + "'"), null, "unsupported_media_type");
        }
    }

    private void fail(RoutingContext ctx, Call call, Throwable failure) {
        OpenAiException error = asOpenAi(failure);
        HttpServerResponse response = ctx.response();
        if (!response.closed() && !response.ended()) {
            if (error.retryAfterSeconds() > 0) {
                response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
            }
            writeJson(response, error.status(), error.body());
        }
        finished(call, error.status());
    }

    private static OpenAiException asOpenAi(Throwable failure) {
        if (failure instanceof OpenAiException e) {
            return e;
        }
        if (failure instanceof IllegalArgumentException e) {
            return OpenAiException.invalid(null, e.getMessage());
        }
        LOG.error("unexpected failure of a /v1 call", failure);
        return new OpenAiException(500, ChatCompletionService.API_ERROR, "internal error: " + failure, null, null);
    }

    /** Body too large (413) and the like, raised by the body handler before our handler runs. */
    private void routeFailure(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (ctx.failure() != null && status == 500) {
            LOG.error("unexpected failure of a /v1 call", ctx.failure());
        }
        String message = status == 413 ? "the request body is larger than " + MAX_BODY_BYTES + " bytes"
                : "the request failed: " + (ctx.failure() == null ? "status " + status : ctx.failure().getMessage());
        if (!ctx.response().ended() && !ctx.response().closed()) {
            writeJson(ctx.response(), status, OpenAiError.of(message,
                    status < 500 ? OpenAiException.INVALID_REQUEST : ChatCompletionService.API_ERROR, null, null));
        }
    }

    private void finished(Call call, int status) {
        synchronized (call) {
            if (call.recorded) {
                return;
            }
            call.recorded = true;
        }
        if (call.permit != null) {
            call.permit.release(call.tokensUsed);
        }
        if (call.endpoint == Endpoint.CHAT) {
            meters.counter("marco.gateway.chat.completions", "status", String.valueOf(status)).increment();
        }
        String model = call.model != null && catalog.serves(call.model) ? call.model : null;
        keyMetrics.record(call.key == null ? null : call.key.id(), model, call.endpoint.tag, call.stream, status,
                Duration.ofNanos(System.nanoTime() - call.start),
                call.usage == null ? null : call.usage.promptTokens(),
                call.usage == null ? null : call.usage.completionTokens());
    }

    private void writeEvents(HttpServerResponse response, List<Object> events) {
        if (events.isEmpty()) {
            return;
        }
        Buffer buffer = Buffer.buffer();
        for (Object event : events) {
            buffer.appendBuffer(event(event));
        }
        response.write(buffer);
    }

    private Buffer event(Object payload) {
        try {
            return Buffer.buffer("data: ").appendBytes(json.writeValueAsBytes(payload)).appendString("\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + payload, e);
        }
    }

    private void writeJson(HttpServerResponse response, int status, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body, e);
        }
    }
}
