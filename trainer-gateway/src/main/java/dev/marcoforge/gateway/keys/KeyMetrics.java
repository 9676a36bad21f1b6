package dev.marcoforge.gateway.keys;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Prometheus metrics per key (its id, never the secret) and model: {@code marco_gateway_api_requests_total} by
 * status, {@code marco_gateway_api_tokens_total} by kind, {@code marco_gateway_api_errors_total} and the latency
 * {@code marco_gateway_api_latency_seconds}.
 */
@ApplicationScoped
public class KeyMetrics {

    private final MeterRegistry meters;

    public KeyMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String keyId, String model, String endpoint, boolean stream, int status, Duration latency,
            Integer promptTokens, Integer completionTokens) {
        String key = keyId == null ? "none" : keyId;
        String modelTag = model == null ? "(none)" : model;
        meters.counter("marco.gateway.api.requests", "key", key, "model", modelTag, "endpoint", endpoint,
                "status", String.valueOf(status)).increment();
        if (status >= 400) {
            meters.counter("marco.gateway.api.errors", "key", key, "model", modelTag, "status",
                    String.valueOf(status)).increment();
        }
        if (promptTokens != null) {
            meters.counter("marco.gateway.api.tokens", "key", key, "model", modelTag, "kind", "prompt")
                    .increment(promptTokens);
        }
        if (completionTokens != null) {
            meters.counter("marco.gateway.api.tokens", "key", key, "model", modelTag, "kind", "completion")
                    .increment(completionTokens);
        }
        Timer.builder("marco.gateway.api.latency").tags("key", key, "model", modelTag, "stream",
                String.valueOf(stream)).publishPercentileHistogram(false).register(meters).record(latency);
    }
}
