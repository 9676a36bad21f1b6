package dev.marcoforge.generator.search;

import java.util.List;

/** Publishes messages to their topics; the search decides what to send, the messaging layer sends it. */
public interface MessageSink {

    void publish(List<OutboundMessage> messages);
}
