package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs a completion through Kafka: publishes an {@link InferenceRequest} and waits, without holding a thread, for
 * this request's {@link InferenceResult} (or, streamed, for each of its chunks).
 */
@ApplicationScoped
public class ChatCompletionService {

    static final String API_ERROR = "api_error";

    private final PendingCompletions pending;
    private final InferenceRequestSender sender;
    private final Duration timeout;

    public ChatCompletionService(PendingCompletions pending, InferenceRequestSender sender, GatewayConfig config) {
        this.pending = pending;
        this.sender = sender;
        this.timeout = config.requestTimeout();
    }

    public static String newId(ChatCompletionRequest request) {
        return (request.rawPrompt() ? "cmpl-" : "chatcmpl-") + UUID.randomUUID().toString().replace("-", "");
    }

    /** The whole answer; an error result becomes an {@link OpenAiException} with its status. */
    public Uni<InferenceResult> complete(ChatCompletionRequest request, String requestId) {
        var reply = pending.register(requestId);
        return sender.send(toInference(request, requestId, false))
                .onFailure().transform(ChatCompletionService::notQueued)
                .chain(() -> Uni.createFrom().completionStage(reply))
                .ifNoItem().after(timeout).failWith(this::timedOut)
                .onCancellation().invoke(() -> sender.cancel(requestId, "the client went away"))
                .onTermination().invoke(() -> pending.forget(requestId))
                .map(ChatCompletionService::requireSuccess);
    }

    /**
     * The results of a streamed request, chunk by chunk, ending with the closing result. An error result fails
     * the stream with an {@link OpenAiException}; so does a wait longer than the request timeout for the next
     * result. Cancelling the subscription (the client went away) stops waiting at once.
     */
    public Multi<InferenceResult> stream(ChatCompletionRequest request, String requestId) {
        Multi<InferenceResult> results = Multi.createFrom().emitter(emitter -> {
            pending.registerStream(requestId, result -> {
                if (result.error() != null) {
                    emitter.fail(toException(result.error()));
                    return;
                }
                emitter.emit(result);
                if (result.last()) {
                    emitter.complete();
                }
            });
            emitter.onTermination(() -> pending.forget(requestId));
            sender.send(toInference(request, requestId, true)).subscribe().with(sent -> {
            }, failure -> emitter.fail(notQueued(failure)));
        });
        return results.ifNoItem().after(timeout).failWith(this::timedOut)
                .onCancellation().invoke(() -> sender.cancel(requestId, "the client went away"));
    }

    private InferenceRequest toInference(ChatCompletionRequest request, String requestId, boolean stream) {
        return new InferenceRequest(InferenceRequest.SCHEMA_VERSION, requestId, request.model(), request.messages(),
                request.sampling(), request.n(), request.stop(), request.user(), stream,
                Instant.now().plus(timeout).toEpochMilli(), request.prompt());
    }

    private static OpenAiException notQueued(Throwable e) {
        return new OpenAiException(503, API_ERROR, "the request could not be queued for inference: " + e.getMessage(),
                null, "inference_unavailable");
    }

    private OpenAiException timedOut() {
        return new OpenAiException(504, API_ERROR, "no inference result within " + timeout.toSeconds() + "s", null,
                "timeout");
    }

    private static InferenceResult requireSuccess(InferenceResult result) {
        if (result.error() != null) {
            throw toException(result.error());
        }
        return result;
    }

    static OpenAiException toException(InferenceResult.Error error) {
        int status = error.status() >= 400 && error.status() <= 599 ? error.status() : 502;
        String type = error.type() == null || error.type().isBlank() ? API_ERROR : error.type();
        return new OpenAiException(status, type, error.message(), null, error.code());
    }
}
