package dev.marcoforge.generator.messaging;

import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.generator.search.SearchEngine;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Continues searches with the nodes critic-service wrote ({@code marco.critic.results}, DLQ on bad input). */
@ApplicationScoped
public class CriticResultConsumer {

    private final SearchEngine engine;

    public CriticResultConsumer(SearchEngine engine) {
        this.engine = engine;
    }

    @Incoming("critic-results")
    @Blocking(ordered = false)
    public void onMessage(String json) {
        engine.onCriticResult(MessageCodec.decode(json, CriticResult.class));
    }
}
