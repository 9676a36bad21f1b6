package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.MessageCodec;

/**
 * A message to publish once the transaction that decided it has committed. {@code outboxId} names its outbox row
 * when it was stored for re-sending after a crash (chains and results), else null.
 */
public record OutboundMessage(String topic, String key, String json, String outboxId) {

    public OutboundMessage(String topic, String key, String json) {
        this(topic, key, json, null);
    }

    public static OutboundMessage of(String topic, String key, Object message) {
        return new OutboundMessage(topic, key, MessageCodec.encode(message));
    }
}
