package dev.marcoforge.gateway.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks the result partitions this instance reads. The results consumer starts at the end of the topic, so a
 * reply written before its partitions are assigned would be missed: the instance reports ready only once they are.
 */
@ApplicationScoped
@Identifier(InferenceResultsAssignment.NAME)
public class InferenceResultsAssignment implements KafkaConsumerRebalanceListener {

    /** The name the inference-results channel's {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "inference-results-assignment";

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Resolving the positions now fixes "the end" at this moment; left lazy, replies written between this
        // callback and the first fetch would be skipped.
        partitions.forEach(consumer::position);
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    public Set<TopicPartition> assigned() {
        return Set.copyOf(assigned);
    }
}
