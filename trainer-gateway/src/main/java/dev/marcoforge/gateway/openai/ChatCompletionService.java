package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs a chat completion through Kafka: publishes an {@link InferenceRequest} and waits, without holding a thread,
 * for this request's {@link InferenceResult}.
 */
@ApplicationScoped
public class ChatCompletionService {

    private static final String API_ERROR = "api_error";

    private final ModelCatalog catalog;
    private final PendingCompletions pending;
    private final InferenceRequestSender sender;
    private final Duration timeout;
    private final MeterRegistry meters;

    public ChatCompletionService(ModelCatalog catalog, PendingCompletions pending, InferenceRequestSender sender,
            GatewayConfig config, MeterRegistry meters) {
        this.catalog = catalog;
        this.pending = pending;
        this.sender = sender;
        this.timeout = config.requestTimeout();
        this.meters = meters;
    }

    public Uni<ChatCompletionResponse> complete(ChatCompletionRequest request) {
        catalog.requireServed(request.model());
        String requestId = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        var inference = new InferenceRequest(InferenceRequest.SCHEMA_VERSION, requestId, request.model(),
                request.messages(), request.sampling(), request.n(), request.stop(), request.user(), false,
                now.plus(timeout).toEpochMilli());
        var reply = pending.register(requestId);
        return sender.send(inference)
                .onFailure().transform(e -> new OpenAiException(503, API_ERROR,
                        "the request could not be queued for inference: " + e.getMessage(), null,
                        "inference_unavailable"))
                .chain(() -> Uni.createFrom().completionStage(reply))
                .ifNoItem().after(timeout).failWith(() -> new OpenAiException(504, API_ERROR,
                        "no inference result within " + timeout.toSeconds() + "s", null, "timeout"))
                .onTermination().invoke(() -> pending.forget(requestId))
                .map(result -> toResponse(request, result, now.getEpochSecond()))
                .onItemOrFailure().invoke((item, failure) -> count(failure));
    }

    private static ChatCompletionResponse toResponse(ChatCompletionRequest request, InferenceResult result,
            long created) {
        if (result.error() != null) {
            var error = result.error();
            int status = error.status() >= 400 && error.status() <= 599 ? error.status() : 502;
            String type = error.type() == null || error.type().isBlank() ? API_ERROR : error.type();
            throw new OpenAiException(status, type, error.message(), null, error.code());
        }
        var choices = result.choices().stream().map(c -> new ChatCompletionResponse.Choice(c.index(),
                new ChatCompletionResponse.Message("assistant", c.content() == null ? "" : c.content()),
                c.finishReason() == null ? "stop" : c.finishReason(), null)).toList();
        // Usage stays null when the inference service did not count tokens, rather than claiming zero.
        var usage = result.usage() == null ? null
                : new ChatCompletionResponse.Usage(result.usage().promptTokens(), result.usage().completionTokens(),
                        result.usage().totalTokens());
        String model = result.model() == null || result.model().isBlank() ? request.model() : result.model();
        return new ChatCompletionResponse(result.requestId(), ChatCompletionResponse.OBJECT, created, model, choices,
                usage);
    }

    private void count(Throwable failure) {
        String status = failure == null ? "200"
                : failure instanceof OpenAiException e ? String.valueOf(e.status()) : "500";
        meters.counter("marco.gateway.chat.completions", "status", status).increment();
    }
}
