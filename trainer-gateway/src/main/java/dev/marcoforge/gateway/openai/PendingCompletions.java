package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The chat completions this instance waits for, by request id. Every replica reads every result, so a result whose
 * request id is not here belongs to another replica and is ignored. When the inference service answers in chunks,
 * they are joined into one result.
 */
@ApplicationScoped
public class PendingCompletions {

    private final ConcurrentHashMap<String, Entry> pending = new ConcurrentHashMap<>();

    /** Starts waiting; register before sending the request, so even an immediate answer finds its caller. */
    public CompletableFuture<InferenceResult> register(String requestId) {
        Pending entry = new Pending();
        put(requestId, entry);
        return entry.future;
    }

    /**
     * Starts waiting for a stream: every result of the request is handed to {@code listener} as it arrives, in
     * order (one request's results share a partition); the entry goes once the last result is handed over.
     */
    public void registerStream(String requestId, Consumer<InferenceResult> listener) {
        put(requestId, new Streaming(listener));
    }

    private void put(String requestId, Entry entry) {
        if (pending.putIfAbsent(requestId, entry) != null) {
            throw new IllegalStateException("request id " + requestId + " is already pending");
        }
    }

    /** Stops waiting (answered, timed out, or never sent). */
    public void forget(String requestId) {
        pending.remove(requestId);
    }

    /** @return whether this instance was waiting for the result */
    public boolean accept(InferenceResult result) {
        Entry entry = pending.get(result.requestId());
        if (entry == null) {
            return false;
        }
        if (entry.offer(result)) {
            pending.remove(result.requestId(), entry);
        }
        return true;
    }

    private interface Entry {
        /** @return whether the request is answered in full */
        boolean offer(InferenceResult result);
    }

    private record Streaming(Consumer<InferenceResult> listener) implements Entry {
        @Override
        public boolean offer(InferenceResult result) {
            listener.accept(result);
            return result.last() || result.error() != null;
        }
    }

    public int size() {
        return pending.size();
    }

    /** One awaited request and the chunks that arrived so far. */
    private static final class Pending implements Entry {
        final CompletableFuture<InferenceResult> future = new CompletableFuture<>();
        private final Map<Integer, StringBuilder> contents = new TreeMap<>();
        private final Map<Integer, String> finishReasons = new TreeMap<>();

        @Override
        public boolean offer(InferenceResult result) {
            InferenceResult whole = add(result);
            if (whole != null) {
                future.complete(whole);
            }
            return whole != null;
        }

        /** @return the whole result once the last chunk (or an error) is in, else null */
        synchronized InferenceResult add(InferenceResult chunk) {
            if (chunk.error() != null || (chunk.last() && contents.isEmpty())) {
                return chunk;
            }
            for (var choice : chunk.choices()) {
                contents.computeIfAbsent(choice.index(), i -> new StringBuilder())
                        .append(choice.content() == null ? "" : choice.content());
                if (choice.finishReason() != null) {
                    finishReasons.put(choice.index(), choice.finishReason());
                }
            }
            if (!chunk.last()) {
                return null;
            }
            List<InferenceResult.Choice> choices = new ArrayList<>();
            contents.forEach((index, text) -> choices.add(
                    new InferenceResult.Choice(index, text.toString(), finishReasons.get(index))));
            return InferenceResult.complete(chunk.requestId(), chunk.model(), choices, chunk.usage());
        }
    }
}
