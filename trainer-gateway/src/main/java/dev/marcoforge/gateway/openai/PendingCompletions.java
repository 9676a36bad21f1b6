package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat completions this instance waits for, by request id. Every replica reads every result, so a result whose
 * request id is not here belongs to another replica and is ignored. When the inference service answers in chunks,
 * they are joined into one result.
 */
@ApplicationScoped
public class PendingCompletions {

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    /** Starts waiting; register before sending the request, so even an immediate answer finds its caller. */
    public CompletableFuture<InferenceResult> register(String requestId) {
        Pending entry = new Pending();
        if (pending.putIfAbsent(requestId, entry) != null) {
            throw new IllegalStateException("request id " + requestId + " is already pending");
        }
        return entry.future;
    }

    /** Stops waiting (answered, timed out, or never sent). */
    public void forget(String requestId) {
        pending.remove(requestId);
    }

    /** @return whether this instance was waiting for the result */
    public boolean accept(InferenceResult result) {
        Pending entry = pending.get(result.requestId());
        if (entry == null) {
            return false;
        }
        InferenceResult whole = entry.add(result);
        if (whole != null) {
            pending.remove(result.requestId(), entry);
            entry.future.complete(whole);
        }
        return true;
    }

    public int size() {
        return pending.size();
    }

    /** One awaited request and the chunks that arrived so far. */
    private static final class Pending {
        final CompletableFuture<InferenceResult> future = new CompletableFuture<>();
        private final Map<Integer, StringBuilder> contents = new TreeMap<>();
        private final Map<Integer, String> finishReasons = new TreeMap<>();

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
