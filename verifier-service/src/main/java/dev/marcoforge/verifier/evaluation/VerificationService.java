package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.verifier.persistence.VerdictStore;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Judges requests once and remembers the verdicts. Publication semantics ("the same verdict, published once"):
 * <ul>
 * <li>a new request id is judged, stored, and its verdict is to be published;</li>
 * <li>a request id whose stored verdict the broker has confirmed published (a producer's retry, a replayed
 * partition) is acknowledged without publishing again, so the generator never sees a verdict twice;</li>
 * <li>a request id stored but never confirmed published (the service stopped between storing and the broker's
 * acknowledgement) publishes the stored verdict, unchanged, so no verdict is lost. That window is the only way
 * a verdict can appear twice, and the second copy is identical; the generator drops verdicts it no longer
 * awaits.</li>
 * </ul>
 * A request with an unknown evaluator or a malformed ground truth gets an error result (so the waiting search
 * ends with a clear error instead of hanging) and is also sent to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class VerificationService {

    /** What to do with one consumed request. */
    public enum Action { PUBLISH, ALREADY_PUBLISHED, DUPLICATE_IN_BATCH }

    /** A request, its result, and whether to publish it; {@code deadLetterReason} is set for error results. */
    public record Decision(VerifyRequest request, VerifyResult result, Action action, String deadLetterReason) {
    }

    /** The verdict on one answer, or why there can be none. */
    public record Judgement(Verdict verdict, String error, boolean unknownEvaluator) {
    }

    private final EvaluatorRegistry registry;
    private final VerdictStore store;
    private final VerifierMetrics metrics;

    public VerificationService(EvaluatorRegistry registry, VerdictStore store, VerifierMetrics metrics) {
        this.registry = registry;
        this.store = store;
        this.metrics = metrics;
    }

    /** Judges without storing: for {@code POST /api/verify} and the benchmark. */
    public Judgement judge(String evaluatorName, String answerText, JsonNode groundTruth) {
        long start = System.nanoTime();
        var evaluator = registry.find(evaluatorName);
        if (evaluator.isEmpty()) {
            metrics.record(evaluatorName, "error", System.nanoTime() - start);
            return new Judgement(null, "unknown evaluator '" + evaluatorName + "'; known: " + registry.names(), true);
        }
        try {
            Verdict verdict = evaluator.get().evaluate(answerText, groundTruth);
            metrics.record(evaluatorName, verdict.correct() ? "correct" : "wrong", System.nanoTime() - start);
            return new Judgement(verdict, null, false);
        } catch (IllegalArgumentException e) {
            metrics.record(evaluatorName, "error", System.nanoTime() - start);
            return new Judgement(null, "malformed ground truth for '" + evaluatorName + "': " + e.getMessage(), false);
        }
    }

    /**
     * Decides a batch: one read and at most one write of the verdict table. Order of the batch is kept. While the
     * table cannot be reached (a PostgreSQL restart or fail-over, a broken connection) the batch is decided again
     * with growing pauses for up to two minutes, rather than sending valid requests to the dead-letter topic; a
     * verdict stored by an attempt whose reply was lost is found by the next one and published as stored.
     */
    @Retry(retryOn = VerdictStore.StoreFailure.class, maxRetries = -1, delay = 100, jitter = 50, maxDuration = 2,
            durationUnit = ChronoUnit.MINUTES)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public List<Decision> verifyBatch(List<VerifyRequest> requests) {
        Map<String, VerifyRequest> firstById = new LinkedHashMap<>();
        for (VerifyRequest request : requests) {
            firstById.putIfAbsent(request.requestId(), request);
        }
        Map<String, VerdictStore.Row> stored = store.find(firstById.keySet());
        List<VerdictStore.NewVerdict> fresh = new ArrayList<>();
        Map<String, VerifyResult> resultById = new LinkedHashMap<>();
        Map<String, String> deadLetter = new LinkedHashMap<>();
        List<VerifyRequest> toJudge = firstById.values().stream()
                .filter(r -> !stored.containsKey(r.requestId())).toList();
        // Judged on the consumer's thread: on two shared cores a parallel stream measured no faster (broker,
        // database and producer need the other core).
        List<Judgement> judgements = toJudge.stream()
                .map(r -> judge(r.evaluator(), r.answerText(), r.groundTruth())).toList();
        for (int i = 0; i < toJudge.size(); i++) {
            VerifyRequest request = toJudge.get(i);
            Judgement judgement = judgements.get(i);
            VerifyResult result = judgement.verdict() != null ? VerifyResult.of(request, judgement.verdict())
                    : VerifyResult.failed(request, judgement.error());
            if (judgement.error() != null) {
                deadLetter.put(request.requestId(), judgement.error());
            }
            resultById.put(request.requestId(), result);
            fresh.add(new VerdictStore.NewVerdict(result, request.evaluator()));
        }
        Set<String> inserted = store.insertNew(fresh);
        Set<String> lostRace = new HashSet<>();
        for (var verdict : fresh) {
            if (!inserted.contains(verdict.result().requestId())) {
                lostRace.add(verdict.result().requestId());
            }
        }
        if (!lostRace.isEmpty()) {
            // Another consumer stored these ids between our read and our insert: its verdict is the one that counts.
            stored.putAll(store.find(lostRace));
        }
        List<Decision> decisions = new ArrayList<>(requests.size());
        Set<String> decided = new HashSet<>();
        for (VerifyRequest request : requests) {
            String id = request.requestId();
            if (!decided.add(id)) {
                decisions.add(new Decision(request, null, Action.DUPLICATE_IN_BATCH, null));
                continue;
            }
            VerdictStore.Row row = stored.get(id);
            if (row == null) {
                decisions.add(new Decision(request, resultById.get(id), Action.PUBLISH, deadLetter.get(id)));
            } else {
                metrics.redelivered();
                VerifyResult result = toResult(request, row);
                decisions.add(new Decision(request, result, row.published() ? Action.ALREADY_PUBLISHED : Action.PUBLISH,
                        null));
            }
        }
        return decisions;
    }

    public void markPublished(List<String> requestIds) {
        store.markPublished(requestIds);
    }

    private static VerifyResult toResult(VerifyRequest request, VerdictStore.Row row) {
        if (row.error() != null) {
            return VerifyResult.failed(request, row.error());
        }
        return VerifyResult.of(request, new Verdict(Boolean.TRUE.equals(row.correct()), row.extractedAnswer(),
                row.reason()));
    }
}
