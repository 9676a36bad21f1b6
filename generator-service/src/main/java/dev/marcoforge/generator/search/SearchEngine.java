package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.SearchRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.generator.model.Completion;
import dev.marcoforge.generator.model.ModelCallException;
import dev.marcoforge.generator.model.ModelUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import dev.marcoforge.generator.model.ModelClient;
import dev.marcoforge.generator.config.GeneratorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drives problems' searches. Each step commits through {@link SearchStore} before its messages go out, and model
 * calls happen between transactions; a search that waits for the critic or the verifier simply returns, and the
 * result's arrival drives it on.
 */
@ApplicationScoped
public class SearchEngine {

    private static final Logger LOG = Logger.getLogger(SearchEngine.class);

    private final SearchStore store;
    private final ModelClient models;
    private final MessageSink sink;
    private final ExecutorService workers;
    /** Calls in flight per role and server, bounded by the role's {@code maxInFlight}. */
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final BackendOutages outages = new BackendOutages();
    /** Jobs paused because critic-service could not reach its model; the first written critic node resumes them. */
    private final java.util.Set<String> criticWaits = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService prober;
    private final Duration probeInterval;

    public SearchEngine(SearchStore store, ModelClient models, MessageSink sink, GeneratorConfig settings,
            MeterRegistry meters) {
        this.store = store;
        this.models = models;
        this.probeInterval = settings.backendProbeInterval();
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "generator-backend-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(this::probeSafely, probeInterval.toMillis(), probeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        meters.gauge("marco.generator.backends.down", outages, BackendOutages::downCount);
        this.sink = sink;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "generator-search-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
        workers.shutdownNow();
    }

    private void probeSafely() {
        try {
            probeDownBackends();
        } catch (RuntimeException e) {
            LOG.errorf(e, "probing the model servers that are down failed");
        }
    }

    /** Records a checked job and publishes one SearchRequest per problem; returns the job id. */
    public String submit(JobSubmission submission) {
        String jobId = UUID.randomUUID().toString();
        sink.publish(store.submit(jobId, submission));
        return jobId;
    }

    public void onSearchRequest(SearchRequest request) {
        handOff(store.start(request));
    }

    public void onCriticResult(CriticResult result) {
        handOff(store.acceptCritic(result));
        if (result.error() != null && result.unavailable()) {
            // critic-service could not reach its model: ask again later, the search keeps waiting for this request.
            criticWaits.add(result.jobId());
            prober.schedule(() -> resendAwaited(result), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        } else if (result.error() == null && criticWaits.remove(result.jobId())) {
            store.unpauseJob(result.jobId());
        }
    }

    private void resendAwaited(CriticResult result) {
        try {
            sink.publish(store.awaitedAgain(result.jobId(), result.problemId(), result.requestId()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "sending critic request %s again failed", result.requestId());
        }
    }

    public void onVerifyResult(VerifyResult result) {
        handOff(store.acceptVerdict(result));
    }

    /** Picks up what was left unfinished when the service stopped. */
    public void resume() {
        SearchStore.Resumption work = store.resumption();
        if (!work.messages().isEmpty() || !work.runIdsToContinue().isEmpty()) {
            LOG.infof("resuming: re-publishing %d message(s), continuing %d problem(s)", work.messages().size(),
                    work.runIdsToContinue().size());
        }
        sink.publish(work.messages());
        work.runIdsToContinue().forEach(runId -> workers.execute(() -> drive(Transition.proceed(runId))));
    }

    /**
     * Publishes what a consumed message's transaction decided, and hands the search on to a worker, so consumers
     * keep consuming while searches wait for models.
     */
    private void handOff(Step step) {
        sink.publish(step.messages());
        if (step instanceof ModelCall || ((Transition) step).proceed()) {
            workers.execute(() -> drive(step));
        }
    }

    /**
     * Takes steps until the search waits for another service, finishes, or finds nothing to do. The messages of
     * {@code step} itself are published already.
     */
    void drive(Step step) {
        while (true) {
            Step next;
            if (step instanceof ModelCall call) {
                next = write(call);
            } else {
                Transition transition = (Transition) step;
                if (!transition.proceed()) {
                    return;
                }
                next = plan(transition.runId());
            }
            sink.publish(next.messages());
            step = next;
        }
    }

    private Step park(ModelCall call, String reason) {
        String why = reason == null ? call.endpoint().describe() + " is down" : reason;
        if (outages.park(call, why)) {
            LOG.warnf("%s; its searches wait and are retried every %ds", why, probeInterval.toSeconds());
        }
        store.pause(call.runId(), why + " (writing the '" + call.action() + "' node); the job goes on when it answers");
        return Transition.dropped();
    }

    /** Retries one waiting call per down server; an answer resumes every search that waited for that server. */
    void probeDownBackends() {
        for (ModelCall probe : outages.probes()) {
            List<Completion> texts;
            try {
                texts = models.complete(probe.endpoint(), probe.prompt(), probe.logprobs());
            } catch (ModelUnavailableException e) {
                continue;
            } catch (RuntimeException e) {
                // The server answers, but refuses this call: that problem fails as any refused call does.
                List<ModelCall> others = outages.recovered(probe);
                resumeAfterOutage(probe, others);
                workers.execute(() -> drive(probe));
                continue;
            }
            List<ModelCall> others = outages.recovered(probe);
            LOG.infof("%s answers again: %d waiting search(es) go on", probe.endpoint().describe(), others.size() + 1);
            resumeAfterOutage(probe, others);
            workers.execute(() -> {
                try {
                    handOff(store.addModelNodes(probe, texts));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "storing the nodes of problem run %s failed", probe.runId());
                    handOff(store.fail(probe.runId(), "storing the '" + probe.action() + "' nodes failed: " + e));
                }
            });
        }
    }

    private void resumeAfterOutage(ModelCall probe, List<ModelCall> others) {
        List<String> runIds = new java.util.ArrayList<>(others.stream().map(ModelCall::runId).toList());
        runIds.add(probe.runId());
        store.unpause(runIds);
        others.forEach(call -> workers.execute(() -> drive(call)));
    }

    private Step plan(String runId) {
        try {
            return store.nextStep(runId);
        } catch (RuntimeException e) {
            // A step that cannot even be planned must not leave the problem RUNNING forever.
            LOG.errorf(e, "planning the next step of problem run %s failed", runId);
            return store.fail(runId, "the generator could not plan the next step: " + e);
        }
    }

    /**
     * Calls the model for {@code call} and stores its nodes. A server that stays down through the retries pauses the
     * search instead of failing it: the call waits in {@link BackendOutages} and the job shows as paused, naming the
     * server, until a probe gets an answer.
     */
    private Step write(ModelCall call) {
        if (outages.isDown(call)) {
            // Known down: wait with the others rather than spend the retries again.
            return park(call, outages.reason(call));
        }
        try {
            List<Completion> texts;
            Semaphore roleSlots = slots.computeIfAbsent(call.endpoint().slotKey(),
                    key -> new Semaphore(call.endpoint().maxInFlight(), true));
            roleSlots.acquireUninterruptibly();
            try {
                texts = models.complete(call.endpoint(), call.prompt(), call.logprobs());
            } finally {
                roleSlots.release();
            }
            return store.addModelNodes(call, texts);
        } catch (ModelUnavailableException e) {
            return park(call, e.getMessage());
        } catch (ModelCallException e) {
            return store.fail(call.runId(), e.getMessage() + " (writing the '" + call.action() + "' node)");
        } catch (RuntimeException e) {
            // Anything else must not leave the problem RUNNING forever: it ends with the failure named.
            LOG.errorf(e, "step '%s' of problem run %s failed", call.action(), call.runId());
            return store.fail(call.runId(), "writing the '" + call.action() + "' node with " + call.endpoint()
                    .describe() + " failed: " + e);
        }
    }
}
