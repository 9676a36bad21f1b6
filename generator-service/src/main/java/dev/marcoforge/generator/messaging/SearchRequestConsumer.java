package dev.marcoforge.generator.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchRequest;
import dev.marcoforge.generator.search.SearchEngine;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Starts searches from {@code marco.search.requests}, whoever produced them. Problems run concurrently; a message
 * that cannot be read goes to {@code marco.search.requests.dlq} with the reason.
 */
@ApplicationScoped
public class SearchRequestConsumer {

    private final SearchEngine engine;

    public SearchRequestConsumer(SearchEngine engine) {
        this.engine = engine;
    }

    @Incoming("search-requests")
    @Blocking(ordered = false)
    public void onMessage(String json) {
        engine.onSearchRequest(MessageCodec.decode(json, SearchRequest.class));
    }
}
