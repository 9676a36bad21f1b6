package dev.marcoforge.critic.service;

import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.critic.client.CriticCall;
import dev.marcoforge.critic.client.CriticModelClient;
import dev.marcoforge.critic.client.CriticOutput;
import dev.marcoforge.critic.client.ModelCallException;
import dev.marcoforge.critic.client.ModelEndpoint;
import dev.marcoforge.critic.client.TransientModelCallException;
import dev.marcoforge.critic.config.CriticConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Writes a critic node: the critic model continues the given prefix. Every request gets a result; a failed model
 * call becomes a result whose {@code error} names the endpoint and the cause, so the search can go on without it.
 */
@ApplicationScoped
public class CriticService {

    private static final Logger LOG = Logger.getLogger(CriticService.class);

    private final CriticModelClient client;
    private final CriticCallBuilder calls;
    private final String model;
    private final MeterRegistry meters;

    public CriticService(CriticModelClient client, CriticConfig config, MeterRegistry meters) {
        this.client = client;
        this.model = config.model();
        this.calls = new CriticCallBuilder(ModelEndpoint.of(config.baseUrl()), config.model());
        this.meters = meters;
    }

    public CriticResult write(CriticRequest request) {
        meters.counter("marco.critic.requests", "model", model).increment();
        CriticCall call;
        try {
            call = calls.build(request);
        } catch (IllegalArgumentException e) {
            countError(ModelCallException.Kind.BAD_REQUEST);
            return CriticResult.failed(request, "cannot call the critic model: " + e.getMessage());
        }
        Timer.Sample sample = Timer.start(meters);
        try {
            CriticOutput output = client.generate(call);
            return CriticResult.of(request, output.texts(), model, output.confidences());
        } catch (ModelCallException e) {
            countError(e.kind());
            LOG.warnf("critic request %s (problem %s, action %s) failed: %s", request.requestId(),
                    request.problemId(), request.action(), e.getMessage());
            // An unreachable, overloaded or slow server is waited out by the search; a refusal would only recur.
            boolean passing = e instanceof TransientModelCallException || e.kind() == ModelCallException.Kind.TIMEOUT;
            return passing ? CriticResult.unavailable(request, e.getMessage())
                    : CriticResult.failed(request, e.getMessage());
        } finally {
            sample.stop(meters.timer("marco.critic.latency", "model", model));
        }
    }

    private void countError(ModelCallException.Kind kind) {
        meters.counter("marco.critic.errors", "model", model, "cause", kind.name().toLowerCase()).increment();
    }
}
