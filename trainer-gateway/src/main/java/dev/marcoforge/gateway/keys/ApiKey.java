package dev.marcoforge.gateway.keys;

import java.time.Instant;
import java.util.List;

/** A key as the gateway uses it: who it is, what it may call and its limits (null: unlimited). */
public record ApiKey(String id, String name, List<String> models, Integer requestsPerMinute, Integer tokensPerMinute,
        Integer maxConcurrent, Instant createdAt, Instant revokedAt) {

    /** The identity of calls when keys are not required. */
    public static final ApiKey ANONYMOUS = new ApiKey("anonymous", "anonymous", List.of(), null, null, null,
            Instant.EPOCH, null);

    public boolean allows(String model) {
        return models.isEmpty() || models.contains(model);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
