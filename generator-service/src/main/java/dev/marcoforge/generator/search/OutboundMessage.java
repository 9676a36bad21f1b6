package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.MessageCodec;

/** A message to publish once the transaction that decided it has committed. */
public record OutboundMessage(String topic, String key, String json) {

    public static OutboundMessage of(String topic, String key, Object message) {
        return new OutboundMessage(topic, key, MessageCodec.encode(message));
    }
}
