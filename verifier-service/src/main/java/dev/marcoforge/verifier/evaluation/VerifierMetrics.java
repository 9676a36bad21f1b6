package dev.marcoforge.verifier.evaluation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-evaluator meters: {@code marco.verifier.verdicts} (count by outcome correct/wrong/error),
 * {@code marco.verifier.evaluation} (latency timer) and {@code marco.verifier.correct.share} (correct / judged).
 * Unknown evaluator names are tagged {@code unknown} so a bad producer cannot grow the metric set without bound.
 */
@ApplicationScoped
public class VerifierMetrics {

    private final MeterRegistry registry;
    private final EvaluatorRegistry evaluators;
    private final Map<String, PerEvaluator> byName = new ConcurrentHashMap<>();
    private final Counter redelivered;

    public VerifierMetrics(MeterRegistry registry, EvaluatorRegistry evaluators) {
        this.registry = registry;
        this.evaluators = evaluators;
        this.redelivered = registry.counter("marco.verifier.redelivered");
    }

    public void redelivered() {
        redelivered.increment();
    }

    public void record(String evaluator, String outcome, long nanos) {
        PerEvaluator meters = byName.computeIfAbsent(evaluators.find(evaluator).isPresent() ? evaluator : "unknown",
                this::create);
        meters.latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        switch (outcome) {
            case "correct" -> {
                meters.correct.increment();
                meters.correctCount.increment();
                meters.judged.increment();
            }
            case "wrong" -> {
                meters.wrong.increment();
                meters.judged.increment();
            }
            default -> meters.error.increment();
        }
    }

    private PerEvaluator create(String name) {
        PerEvaluator meters = new PerEvaluator(
                registry.counter("marco.verifier.verdicts", "evaluator", name, "outcome", "correct"),
                registry.counter("marco.verifier.verdicts", "evaluator", name, "outcome", "wrong"),
                registry.counter("marco.verifier.verdicts", "evaluator", name, "outcome", "error"),
                Timer.builder("marco.verifier.evaluation").tag("evaluator", name)
                        .description("time to judge one answer").register(registry),
                new LongAdder(), new LongAdder());
        Gauge.builder("marco.verifier.correct.share", meters, m -> {
            long judged = m.judged.sum();
            return judged == 0 ? 0.0 : (double) m.correctCount.sum() / judged;
        }).tag("evaluator", name).description("share of judged answers that were correct").register(registry);
        return meters;
    }

    private record PerEvaluator(Counter correct, Counter wrong, Counter error, Timer latency, LongAdder correctCount,
            LongAdder judged) {
    }
}
