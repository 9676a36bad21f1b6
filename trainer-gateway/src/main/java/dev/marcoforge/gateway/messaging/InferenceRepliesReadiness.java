package dev.marcoforge.gateway.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this instance reads the inference results, so no chat completion is taken that could not be answered. */
@Readiness
@ApplicationScoped
public class InferenceRepliesReadiness implements HealthCheck {

    private final InferenceResultsAssignment assignment;

    public InferenceRepliesReadiness(
            @Identifier(InferenceResultsAssignment.NAME) InferenceResultsAssignment assignment) {
        this.assignment = assignment;
    }

    @Override
    public HealthCheckResponse call() {
        var partitions = assignment.assigned();
        return HealthCheckResponse.named("Inference replies").status(!partitions.isEmpty())
                .withData("assignedPartitions", partitions.size()).build();
    }
}
