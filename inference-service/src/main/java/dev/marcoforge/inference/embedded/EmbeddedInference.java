package dev.marcoforge.inference.embedded;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.inference.config.InferenceConfig;
import dev.marcoforge.inference.service.Deadline;
import dev.marcoforge.inference.service.ErrorMapping;
import dev.marcoforge.inference.service.UpstreamMapping;
import dev.marcoforge.inference.service.InferenceFailure;
import dev.marcoforge.model.ChatTokenizer;
import dev.marcoforge.model.ChatTurn;
import dev.marcoforge.model.Completion;
import dev.marcoforge.model.Sampler;
import dev.marcoforge.model.SamplingOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers a request with an embedded checkpoint: the messages go through the model's chat template (a raw prompt
 * is taken as is), the sampler writes the {@code n} answers, and a stream sends the text as it comes, a few
 * tokens per chunk (at most one chunk per {@link #CHUNK_INTERVAL_NANOS}, so publishing never paces sampling).
 * Results have the shapes an upstream's would have.
 */
@ApplicationScoped
public class EmbeddedInference {

    static final long CHUNK_INTERVAL_NANOS = 15_000_000L;

    private final InferenceConfig config;

    public EmbeddedInference(InferenceConfig config) {
        this.config = config;
    }

    /**
     * Publishes the answer (or its chunks and a closing result; a stream that fails midway closes with an error).
     *
     * @throws InferenceFailure with an error result to send when the request cannot be answered
     */
    public void run(InferenceRequest request, EmbeddedModel model, Deadline deadline,
            java.util.function.BooleanSupplier cancelled, Consumer<InferenceResult> publish) {
        int[] prompt = prompt(request);
        int context = model.config().contextLength();
        if (prompt.length >= context) {
            throw new InferenceFailure(new InferenceResult.Error(400, "invalid_request_error", "This model's maximum "
                    + "context length is " + context + " tokens; the messages take " + prompt.length + " tokens",
                    "context_length_exceeded"), null);
        }
        SamplingOptions options;
        try {
            var sampling = request.sampling();
            options = new SamplingOptions(sampling.temperature() == null ? 1.0 : sampling.temperature(),
                    sampling.topP() == null ? 1.0 : sampling.topP(), sampling.seed(),
                    sampling.maxTokens() == null ? config.embedded().defaultMaxTokens() : sampling.maxTokens(),
                    request.stop(), request.n());
        } catch (IllegalArgumentException e) {
            throw new InferenceFailure(new InferenceResult.Error(400, "invalid_request_error", e.getMessage(), null),
                    e);
        }
        ChunkStream chunks = request.stream() ? new ChunkStream(request, publish) : null;
        List<Completion> answers;
        try {
            answers = model.sampler().generate(List.of(prompt), options,
                    chunks == null ? Sampler.TextSink.NONE : chunks,
                    () -> deadline.passed() || cancelled.getAsBoolean()).get(0);
        } catch (Sampler.Cancelled e) {
            String when = chunks == null ? "while the model was writing" : "while streaming";
            InferenceResult.Error error = cancelled.getAsBoolean() ? ErrorMapping.cancelled(request.model(), when)
                    : ErrorMapping.deadlinePassed(request.model(), when);
            if (chunks == null) {
                throw new InferenceFailure(error, null);
            }
            chunks.flush();
            publish.accept(UpstreamMapping.failed(request.requestId(), request.model(), chunks.sequence, error));
            return;
        }
        int completionTokens = answers.stream().mapToInt(Completion::completionTokens).sum();
        var usage = new InferenceResult.Usage(prompt.length, completionTokens, prompt.length + completionTokens);
        if (chunks == null) {
            List<InferenceResult.Choice> choices = new ArrayList<>();
            for (Completion answer : answers) {
                choices.add(new InferenceResult.Choice(answer.index(), answer.text(), answer.finishReason()));
            }
            publish.accept(InferenceResult.complete(request.requestId(), request.model(), choices, usage));
            return;
        }
        chunks.flush();
        List<InferenceResult.Choice> finishes = new ArrayList<>();
        for (Completion answer : answers) {
            finishes.add(new InferenceResult.Choice(answer.index(), null, answer.finishReason()));
        }
        chunks.send(finishes);
        publish.accept(new InferenceResult(InferenceResult.SCHEMA_VERSION, request.requestId(), chunks.sequence, true,
                request.model(), List.of(), usage, null));
    }

    /** The request as token ids: the chat template for messages, the bare bytes after {@code <|bos|>} for a prompt. */
    static int[] prompt(InferenceRequest request) {
        ChatTokenizer tokenizer = ChatTokenizer.instance();
        if (request.rawPrompt()) {
            int[] text = tokenizer.encode(request.prompt());
            int[] ids = new int[text.length + 1];
            ids[0] = ChatTokenizer.BOS;
            System.arraycopy(text, 0, ids, 1, text.length);
            return ids;
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            String role = "developer".equals(message.role()) ? "system" : message.role();
            try {
                turns.add(new ChatTurn(role, message.content()));
            } catch (IllegalArgumentException e) {
                throw new InferenceFailure(new InferenceResult.Error(400, "invalid_request_error", "The embedded model '"
                        + request.model() + "' takes system, user and assistant messages; got role '"
                        + message.role() + "'", "unsupported_role"), e);
            }
        }
        return tokenizer.encodeChat(turns, true).ids();
    }

    /** Collects the answers' new text and sends it as chunk results, coalesced by time. */
    private static final class ChunkStream implements Sampler.TextSink {
        private final InferenceRequest request;
        private final Consumer<InferenceResult> publish;
        private final Map<Integer, StringBuilder> pending = new LinkedHashMap<>();
        private long lastSent;
        long sequence;

        ChunkStream(InferenceRequest request, Consumer<InferenceResult> publish) {
            this.request = request;
            this.publish = publish;
        }

        @Override
        public void accept(int promptIndex, int answerIndex, String delta) {
            if (delta.isEmpty()) {
                return;
            }
            pending.computeIfAbsent(answerIndex, i -> new StringBuilder()).append(delta);
            long now = System.nanoTime();
            // The first text goes out at once (time to first token); later text is batched.
            if (lastSent == 0 || now - lastSent >= CHUNK_INTERVAL_NANOS) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<InferenceResult.Choice> choices = new ArrayList<>();
            pending.forEach((index, text) -> choices.add(new InferenceResult.Choice(index, text.toString(), null)));
            pending.clear();
            send(choices);
        }

        void send(List<InferenceResult.Choice> choices) {
            publish.accept(new InferenceResult(InferenceResult.SCHEMA_VERSION, request.requestId(), sequence++, false,
                    request.model(), choices, null, null));
            lastSent = System.nanoTime();
        }
    }
}
