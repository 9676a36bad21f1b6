package dev.marcoforge.generator.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.generator.search.SearchEngine;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Finishes rollouts with verifier-service's verdicts ({@code marco.verify.results}, DLQ on bad input). */
@ApplicationScoped
public class VerifyResultConsumer {

    private final SearchEngine engine;

    public VerifyResultConsumer(SearchEngine engine) {
        this.engine = engine;
    }

    @Incoming("verify-results")
    @Blocking(ordered = false)
    public void onMessage(String json) {
        engine.onVerifyResult(MessageCodec.decode(json, VerifyResult.class));
    }
}
