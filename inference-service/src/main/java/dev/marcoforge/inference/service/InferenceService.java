package dev.marcoforge.inference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.inference.embedded.EmbeddedInference;
import dev.marcoforge.inference.upstream.Backend;
import dev.marcoforge.inference.upstream.BackendRegistry;
import dev.marcoforge.inference.upstream.ChatCompletionResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one chat completion on the served model's upstream and hands every result to {@code publish}: one final
 * result for a plain request, rising chunks and a closing result for a stream. Whatever goes wrong, the caller
 * gets an error result with the status to answer with; nothing is thrown.
 */
@ApplicationScoped
public class InferenceService {

    private static final Logger LOG = Logger.getLogger(InferenceService.class);
    private static final String UNKNOWN_MODEL_TAG = "(unknown)";

    private final BackendRegistry backends;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    private final EmbeddedInference embedded;
    private final Cancellations cancellations;

    public InferenceService(BackendRegistry backends, ObjectMapper json, MeterRegistry meters,
            EmbeddedInference embedded, Cancellations cancellations) {
        this.backends = backends;
        this.embedded = embedded;
        this.cancellations = cancellations;
        this.json = json;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /**
     * Runs the request and emits once every result is published. Nothing holds a thread while a plain upstream
     * call is in flight or waits for a slot; a stream or an embedded model runs on a worker thread.
     */
    public Uni<Void> run(InferenceRequest request, Function<InferenceResult, Uni<Void>> publish) {
        return Uni.createFrom().deferred(() -> runOnce(request, publish))
                .eventually(() -> cancellations.forget(request.requestId()));
    }

    private Uni<Void> runOnce(InferenceRequest request, Function<InferenceResult, Uni<Void>> publish) {
        var found = backends.find(request.model());
        if (found.isEmpty()) {
            count(UNKNOWN_MODEL_TAG, ErrorMapping.INVALID_REQUEST);
            return publish.apply(InferenceResult.failed(request.requestId(), request.model(),
                    ErrorMapping.unknownModel(request.model(), backends.names())));
        }
        Backend backend = found.get();
        Deadline deadline = Deadline.of(request.deadlineEpochMillis(), clock);
        if (deadline.passed()) {
            return fail(request, publish, 0, ErrorMapping.deadlinePassed(request.model(), "before it was taken up"));
        }
        return backend.acquire(deadline.remaining()).flatMap(held -> {
            if (!held) {
                return fail(request, publish, 0, ErrorMapping.deadlinePassed(request.model(),
                        "while waiting for a free slot (" + backend.maxConcurrency() + " in flight)"));
            }
            Timer.Sample sample = Timer.start(meters);
            return withSlot(request, backend, deadline, publish).eventually(() -> {
                backend.release();
                sample.stop(meters.timer("marco.inference.latency", "model", backend.name(), "stream",
                        String.valueOf(request.stream())));
            });
        });
    }

    private Uni<Void> withSlot(InferenceRequest request, Backend backend, Deadline deadline,
            Function<InferenceResult, Uni<Void>> publish) {
        if (cancellations.cancelled(request.requestId())) {
            return fail(request, publish, 0, ErrorMapping.cancelled(request.model(), "before it started"));
        }
        if (backend.isEmbedded() || request.stream()) {
            return Uni.createFrom().<Void>item(() -> {
                runBlocking(request, backend, deadline, result -> publish.apply(result).await().indefinitely());
                return null;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        // A result that cannot be written is no upstream failure: its failure goes up as it is, and the request's
        // message fails with it.
        return complete(request, backend, deadline).onItemOrFailure().transformToUni((result, failure) -> {
            if (failure == null) {
                return publish.apply(result).invoke(() -> count(backend.name(), "ok"));
            }
            if (failure instanceof InferenceFailure inferenceFailure) {
                warnFailed(request, backend, inferenceFailure);
                return fail(request, publish, 0, inferenceFailure.error());
            }
            return Uni.createFrom().failure(failure);
        });
    }

    /** Embedded sampling and streams: they publish as they go, so they hold a worker thread. */
    private void runBlocking(InferenceRequest request, Backend backend, Deadline deadline,
            Consumer<InferenceResult> sink) {
        Consumer<InferenceResult> publish = result -> {
            try {
                sink.accept(result);
            } catch (RuntimeException e) {
                throw new ResultNotPublished(e);
            }
        };
        try {
            if (backend.isEmbedded()) {
                embedded.run(request, backend.embeddedModel(), deadline,
                        () -> cancellations.cancelled(request.requestId()), publish);
                count(backend.name(), "ok");
            } else {
                stream(request, backend, deadline, publish);
            }
        } catch (InferenceFailure e) {
            warnFailed(request, backend, e);
            failed(request, publish, 0, e.error());
        }
    }

    private static void warnFailed(InferenceRequest request, Backend backend, InferenceFailure failure) {
        LOG.warnf("inference request %s on model '%s' (%s) failed: %s", request.requestId(), backend.name(),
                backend.url(), failure.getMessage());
    }

    /**
     * The upstream's answer as a result, or an {@link InferenceFailure}; a cancel that comes while the call is in
     * flight stops waiting for it (and drops the call) at once.
     */
    private Uni<InferenceResult> complete(InferenceRequest request, Backend backend, Deadline deadline) {
        Duration limit = deadline.cap(backend.timeout());
        Uni<InferenceResult> answer = call(request, backend).ifNoItem().after(limit).fail()
                .onFailure(e -> !(e instanceof InferenceFailure))
                .transform(e -> callFailure(request, backend, deadline, asRuntime(e), limit))
                .map(response -> toResult(request, backend, deadline, response, limit));
        // An emitter, not a Uni of the signal's future: the loser of the race is cancelled, and cancelling a
        // CompletableFuture builds a CancellationException with its stack trace on every answered call. A fail
        // after the race is over is ignored; the signal (and its callback) goes with forget() when the call ends.
        Uni<InferenceResult> cancelled = Uni.createFrom().emitter(emitter -> cancellations
                .signal(request.requestId()).thenRun(() -> emitter.fail(new InferenceFailure(
                        ErrorMapping.cancelled(request.model(), "while the upstream was working"), null))));
        return Uni.join().first(answer, cancelled).toTerminate();
    }

    private InferenceResult toResult(InferenceRequest request, Backend backend, Deadline deadline,
            Response response, Duration limit) {
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() >= 400) {
                throw new InferenceFailure(ErrorMapping.fromStatus(backend.name(), response.getStatus(), text), null);
            }
            ChatCompletionResponse completion = parse(backend, text);
            return UpstreamMapping.toResult(request.requestId(), request.model(), completion);
        } catch (InferenceFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw callFailure(request, backend, deadline, e, limit);
        }
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }

    /**
     * Forwards the upstream's server-sent events as chunk results 0..k-1 and closes with result k (last, no
     * choices, the usage). The backend timeout bounds the wait for each next event; the deadline bounds the whole.
     */
    private void stream(InferenceRequest request, Backend backend, Deadline deadline, Consumer<InferenceResult> publish) {
        Duration idle = deadline.cap(backend.timeout());
        long sequence = 0;
        ChatCompletionResponse.Usage usage = null;
        // Closing the stream cancels the upstream call when the loop ends early.
        try (Stream<String> stream = events(request, backend).ifNoItem().after(idle).fail().subscribe()
                .asStream()) {
            Iterator<String> events = stream.iterator();
            while (events.hasNext()) {
                String data = events.next().strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                if (data.isEmpty()) {
                    continue;
                }
                if (deadline.passed()) {
                    throw new InferenceFailure(ErrorMapping.deadlinePassed(request.model(), "while streaming"), null);
                }
                if (cancellations.cancelled(request.requestId())) {
                    throw new InferenceFailure(ErrorMapping.cancelled(request.model(), "while streaming"), null);
                }
                ChatCompletionResponse chunk = parseChunk(backend, data);
                if (chunk.usage() != null) {
                    usage = chunk.usage();
                }
                InferenceResult result = UpstreamMapping.toChunk(request.requestId(), request.model(), sequence,
                        chunk);
                if (result != null) {
                    publish.accept(result);
                    sequence++;
                }
            }
        } catch (InferenceFailure e) {
            streamFailed(request, backend, publish, sequence, e.error());
            return;
        } catch (ResultNotPublished e) {
            throw e;
        } catch (RuntimeException e) {
            streamFailed(request, backend, publish, sequence,
                    callFailure(request, backend, deadline, e, idle).error());
            return;
        }
        publish.accept(UpstreamMapping.endOfStream(request.requestId(), request.model(), sequence, usage));
        count(backend.name(), "ok");
    }

    /** A chat request goes to {@code /chat/completions}, a raw prompt to {@code /completions}. */
    private static Uni<Response> call(InferenceRequest request, Backend backend) {
        return Uni.createFrom().deferred(() -> request.rawPrompt()
                ? backend.api().completeText(UpstreamMapping.toUpstreamText(request, backend.upstreamModel()))
                : backend.api().complete(UpstreamMapping.toUpstream(request, backend.upstreamModel())))
                .onFailure(InferenceService::staleConnection).retry().atMost(1);
    }

    /** The stream is retried once only when the pooled connection was dead before a single event came. */
    private static io.smallrye.mutiny.Multi<String> events(InferenceRequest request, Backend backend) {
        var received = new java.util.concurrent.atomic.AtomicBoolean();
        return io.smallrye.mutiny.Multi.createFrom().deferred(() -> request.rawPrompt()
                ? backend.api().streamText(UpstreamMapping.toUpstreamText(request, backend.upstreamModel()))
                : backend.api().stream(UpstreamMapping.toUpstream(request, backend.upstreamModel())))
                .onItem().invoke(() -> received.set(true))
                .onFailure(failure -> !received.get() && staleConnection(failure)).retry().atMost(1);
    }

    /**
     * A kept-alive connection the upstream closed just as it was reused: nothing reached the upstream's model, so
     * the call is safe to send again (a fresh connection is opened).
     */
    public static boolean staleConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")
                    || "Connection was closed".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private void streamFailed(InferenceRequest request, Backend backend, Consumer<InferenceResult> publish,
            long sequence, InferenceResult.Error error) {
        LOG.warnf("streamed inference request %s on model '%s' (%s) failed after %d chunk(s): %s",
                request.requestId(), backend.name(), backend.url(), sequence, error.message());
        failed(request, publish, sequence, error);
    }

    private InferenceFailure callFailure(InferenceRequest request, Backend backend, Deadline deadline,
            RuntimeException e, Duration limit) {
        InferenceResult.Error error = ErrorMapping.fromException(backend.name(), e, limit);
        if (error.status() == 504 && deadline.binds(backend.timeout())) {
            error = ErrorMapping.deadlinePassed(request.model(), "while the upstream was still working");
        }
        return new InferenceFailure(error, e);
    }

    private ChatCompletionResponse parse(Backend backend, String text) {
        try {
            ChatCompletionResponse value = json.readValue(text, ChatCompletionResponse.class);
            if (value == null) {
                throw new IllegalArgumentException("empty body");
            }
            return value;
        } catch (Exception e) {
            throw new InferenceFailure(ErrorMapping.badResponse(backend.name(), "with a body that is not a chat "
                    + "completion: " + abbreviate(text)), e);
        }
    }

    private ChatCompletionResponse parseChunk(Backend backend, String data) {
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (Exception e) {
            throw new InferenceFailure(ErrorMapping.badResponse(backend.name(), "a stream event that is not JSON: "
                    + abbreviate(data)), e);
        }
        // vLLM reports a failure mid-stream as an event holding an error object.
        if (node.has("error")) {
            throw new InferenceFailure(ErrorMapping.fromStatus(backend.name(), 500, data), null);
        }
        try {
            return json.treeToValue(node, ChatCompletionResponse.class);
        } catch (Exception e) {
            throw new InferenceFailure(ErrorMapping.badResponse(backend.name(), "a stream event that is not a chunk: "
                    + abbreviate(data)), e);
        }
    }

    private Uni<Void> fail(InferenceRequest request, Function<InferenceResult, Uni<Void>> publish, long sequence,
            InferenceResult.Error error) {
        return publish.apply(failed(request, sequence, error));
    }

    private void failed(InferenceRequest request, Consumer<InferenceResult> publish, long sequence,
            InferenceResult.Error error) {
        publish.accept(failed(request, sequence, error));
    }

    /** The error result to send (and counted). */
    private InferenceResult failed(InferenceRequest request, long sequence, InferenceResult.Error error) {
        count(backends.find(request.model()).isPresent() ? request.model() : UNKNOWN_MODEL_TAG, error.type());
        return UpstreamMapping.failed(request.requestId(), request.model(), sequence, error);
    }

    private void count(String model, String outcome) {
        meters.counter("marco.inference.requests", "model", model, "outcome", outcome == null ? "error" : outcome)
                .increment();
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    /** Publishing a result failed; the request's message fails with it. */
    static final class ResultNotPublished extends RuntimeException {
        ResultNotPublished(RuntimeException cause) {
            super("cannot publish an inference result: " + cause.getMessage(), cause);
        }
    }
}
