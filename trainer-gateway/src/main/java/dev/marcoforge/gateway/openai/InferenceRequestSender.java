package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceRequest;
import io.smallrye.mutiny.Uni;

/** Hands a chat completion to the inference service; the item arrives once the request is on its way. */
public interface InferenceRequestSender {

    Uni<Void> send(InferenceRequest request);

    /** Tells the inference service that nobody waits for the request any more (best effort, not awaited). */
    void cancel(String requestId, String reason);
}
