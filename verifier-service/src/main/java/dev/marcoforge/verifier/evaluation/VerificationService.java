package dev.marcoforge.verifier.evaluation;

import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.verifier.persistence.StoredVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Judges a request once and remembers the verdict; a repeated request id gets the stored verdict back. */
@ApplicationScoped
public class VerificationService {

    private final EvaluatorRegistry registry;
    private final MeterRegistry meters;

    public VerificationService(EvaluatorRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @Transactional
    public VerifyResult verify(VerifyRequest request) {
        StoredVerdict stored = StoredVerdict.findById(request.requestId());
        if (stored != null) {
            meters.counter("marco.verifier.redelivered").increment();
            return toResult(request, stored);
        }
        VerifyResult result = judge(request);
        StoredVerdict verdict = new StoredVerdict();
        verdict.requestId = request.requestId();
        verdict.jobId = request.jobId();
        verdict.problemId = request.problemId();
        verdict.evaluator = request.evaluator();
        verdict.createdAt = Instant.now();
        if (result.verdict() != null) {
            verdict.correct = result.verdict().correct();
            verdict.extractedAnswer = result.verdict().extractedAnswer();
            verdict.reason = result.verdict().reason();
        } else {
            verdict.error = result.error();
        }
        verdict.persist();
        String outcome = result.verdict() == null ? "error" : result.verdict().correct() ? "correct" : "wrong";
        meters.counter("marco.verifier.verdicts", "evaluator", request.evaluator(), "outcome", outcome).increment();
        return result;
    }

    private VerifyResult judge(VerifyRequest request) {
        var evaluator = registry.find(request.evaluator());
        if (evaluator.isEmpty()) {
            return VerifyResult.failed(request, "unknown evaluator '" + request.evaluator() + "'; known: "
                    + registry.names());
        }
        try {
            return VerifyResult.of(request, evaluator.get().evaluate(request.answerText(), request.groundTruth()));
        } catch (IllegalArgumentException e) {
            return VerifyResult.failed(request, e.getMessage());
        }
    }

    private static VerifyResult toResult(VerifyRequest request, StoredVerdict stored) {
        if (stored.error != null) {
            return VerifyResult.failed(request, stored.error);
        }
        return VerifyResult.of(request, new Verdict(Boolean.TRUE.equals(stored.correct), stored.extractedAnswer,
                stored.reason));
    }
}
