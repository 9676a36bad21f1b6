package dev.marcoforge.generator.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Problem;
import dev.marcoforge.contracts.SearchRequest;
import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.generator.config.GeneratorConfig;
import dev.marcoforge.generator.config.InvalidSearchConfigException;
import dev.marcoforge.generator.config.ModelRole;
import dev.marcoforge.generator.config.RewardMode;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.model.Completion;
import dev.marcoforge.generator.model.ModelCallException;
import dev.marcoforge.generator.model.ModelEndpoint;
import dev.marcoforge.generator.model.ModelEndpoints;
import dev.marcoforge.generator.persistence.Job;
import dev.marcoforge.generator.persistence.OutboxMessage;
import dev.marcoforge.generator.persistence.ProblemRun;
import dev.marcoforge.generator.persistence.SearchNode;
import dev.marcoforge.generator.persistence.StepWriter;
import dev.marcoforge.generator.persistence.TransientDatabaseFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The search's state changes. A step of a running problem takes the problem as this instance last wrote it (or
 * reads it), checks that the step still applies (so duplicates and late messages are dropped), changes the tree, and
 * writes the changes with the messages to re-send after a crash in one statement that applies only if the problem
 * has not moved on meanwhile (see {@link StepWriter}); if it has, the step is taken again from the stored state. It
 * returns the messages to publish once written. Nothing here calls a model or publishes.
 */
@ApplicationScoped
public class SearchStore {

    private static final Logger LOG = Logger.getLogger(SearchStore.class);
    /** Attempts of one step: a problem that moves on under every one of them is being fought over; give up. */
    private static final int STEP_ATTEMPTS = 5;

    private final ModelEndpoints endpoints;
    private final ConfigCache configs;
    private final GeneratorConfig settings;
    private final MeterRegistry meters;
    private final TreeCache trees;
    private final StepWriter writer;
    private final JobCompletion jobCompletion;
    private final Counter treeReadsFromMemory;
    private final Counter treeReadsFromDatabase;
    private final Counter stepsTakenAgain;
    private final TypedGuard<Step> stepRetry;
    private final TypedGuard<Started> startRetry;

    public SearchStore(ModelEndpoints endpoints, ConfigCache configs, GeneratorConfig settings,
            MeterRegistry meters, TreeCache trees, StepWriter writer, JobCompletion jobCompletion) {
        this.endpoints = endpoints;
        this.configs = configs;
        this.settings = settings;
        this.meters = meters;
        this.trees = trees;
        this.writer = writer;
        this.jobCompletion = jobCompletion;
        meters.gauge("marco.generator.trees.cached", trees, TreeCache::size);
        this.treeReadsFromMemory = meters.counter("marco.generator.tree.reads", "from", "memory");
        this.treeReadsFromDatabase = meters.counter("marco.generator.tree.reads", "from", "database");
        this.stepsTakenAgain = meters.counter("marco.generator.steps.retaken");
        Counter databaseRetries = meters.counter("marco.generator.steps.database.retries");
        this.stepRetry = retryOnDatabaseFailure(Step.class, databaseRetries);
        this.startRetry = retryOnDatabaseFailure(Started.class, databaseRetries);
    }

    /**
     * Takes work again while it fails on its database connection. A step or start is safe to take again from the
     * stored state: its write applies whole or not at all. In the rare case that it applied but the reply was lost
     * with the connection, the new attempt finds its input taken in and drops it as a duplicate; what it would have
     * sent is then re-sent on resume, as after a crash.
     */
    private <T> TypedGuard<T> retryOnDatabaseFailure(Class<T> type, Counter retries) {
        return TypedGuard.create(type)
                .withRetry()
                    .maxRetries(-1)
                    .maxDuration(settings.databaseRetryFor().toMillis(), ChronoUnit.MILLIS)
                    .delay(100, ChronoUnit.MILLIS)
                    .jitter(50, ChronoUnit.MILLIS)
                    .whenException(TransientDatabaseFailure::isTransient)
                    .beforeRetry(failure -> {
                        retries.increment();
                        LOG.warnf("a search step failed on its database connection (%s); trying it again", failure
                                .getMessage());
                    })
                    .withExponentialBackoff().maxDelay(10, ChronoUnit.SECONDS).done()
                    .done()
                .build();
    }

    /** Records a job and its problems as PENDING; returns the SearchRequests to publish. */
    @Transactional
    public List<OutboundMessage> submit(String jobId, JobSubmission submission) {
        Instant now = Instant.now();
        Job job = new Job();
        job.id = jobId;
        job.name = submission.name();
        job.configJson = MessageCodec.encode(submission.configJson());
        job.status = Job.RUNNING;
        job.createdAt = now;
        job.persist();
        List<OutboundMessage> messages = new ArrayList<>();
        int position = 0;
        for (Problem problem : submission.problems()) {
            ProblemRun run = new ProblemRun();
            run.id = UUID.randomUUID().toString();
            run.jobId = jobId;
            run.problemId = problem.id();
            run.position = position++;
            run.question = problem.question();
            run.groundTruthJson = MessageCodec.encode(problem.groundTruth());
            run.evaluator = problem.evaluator();
            run.configJson = job.configJson;
            run.status = ProblemRun.PENDING;
            run.createdAt = now;
            run.persist();
            messages.add(OutboundMessage.of(Topics.SEARCH_REQUESTS, problem.id(),
                    SearchRequest.of(jobId, problem, submission.configJson())));
        }
        return messages;
    }

    /**
     * Starts a problem's search: plants the tree's root. A request for a job or problem this service has not seen
     * (another producer's) is recorded from the message; a request for a problem already started is dropped.
     */
    public Transition start(SearchRequest request) {
        Started started = startRetry.get(
                () -> QuarkusTransaction.requiringNew().call(() -> startInTransaction(request)));
        if (started.faultyConfig() != null) {
            ProblemRun run = started.faultyConfig();
            LOG.infof("problem %s/%s failed: %s", run.jobId, run.problemId, run.error);
            meters.counter("marco.generator.problems", "status", ProblemRun.ERROR).increment();
            jobCompletion.problemFinished(run.jobId);
        }
        return started.transition();
    }

    /** A start's outcome, and the run it ended at once because its config has faults (or null). */
    private record Started(Transition transition, ProblemRun faultyConfig) {
    }

    private Started startInTransaction(SearchRequest request) {
        Problem problem = request.problem();
        String configJson = MessageCodec.encode(request.searchConfig());
        recordIfNew(request, configJson);
        ProblemRun run = lockRun(request.jobId(), problem.id()).orElseThrow();
        if (!ProblemRun.PENDING.equals(run.status)) {
            LOG.debugf("search request for %s/%s dropped: the problem is %s", run.jobId, run.problemId, run.status);
            return new Started(Transition.dropped(), null);
        }
        SearchConfig config;
        try {
            config = configs.of(run.configJson);
        } catch (InvalidSearchConfigException e) {
            end(run, ProblemRun.ERROR, "config: " + String.join("; ", e.faults()));
            OutboxMessage row = outboxRow(OutboundMessage.of(Topics.SEARCH_RESULTS, run.problemId,
                    ChainAssembler.result(run, TreeState.of(List.of()))));
            row.createdAt = Instant.now();
            row.persist();
            return new Started(Transition.emit(List.of(sentFrom(row))), run);
        }
        run.treeId = UUID.randomUUID().toString();
        run.status = ProblemRun.RUNNING;
        run.startedAt = Instant.now();
        newNode(run, null, SearchConfig.BASE_ACTION, "", ModelRole.USER, null, "root:" + run.id,
                TokenConfidence.NONE).persist();
        LOG.debugf("search of %s/%s started with tree %s (evaluator %s)", run.jobId, run.problemId, run.treeId,
                config.evaluateFunc());
        return new Started(Transition.proceed(run.id), null);
    }

    /** Decides the next step of a running problem; steps that need no model are taken right here. */
    public Step nextStep(String runId) {
        return step(() -> trees.take(runId), () -> load(runId), work -> {
            ProblemRun run = work.run;
            if (run == null || !ProblemRun.RUNNING.equals(run.status) || run.awaiting != null) {
                return Transition.dropped();
            }
            return decide(work, search(work));
        });
    }

    /** Runs the search of a run up to its next outside step, and stores where it stands. */
    private Step decide(StepWork work, Search search) {
        ProblemRun run = work.run;
        Mcts.Decision decision = search.mcts.next();
        search.state.storeIn(run);
        // Rollouts that ended on an answer nobody judges (confidence reward, no ground truth) published nothing yet.
        List<OutboundMessage> chains = search.mcts.unjudgedEnds().stream()
                .map(answer -> work.durable(OutboundMessage.of(Topics.CHAINS, run.problemId,
                        ChainAssembler.chain(run, work.tree, answer, search.config))))
                .toList();
        return chains.isEmpty() ? outsideStep(work, search, decision)
                : Step.after(chains, outsideStep(work, search, decision));
    }

    private Step outsideStep(StepWork work, Search search, Mcts.Decision decision) {
        ProblemRun run = work.run;
        boolean logprobs = search.config.reward() == RewardMode.CONFIDENCE;
        if (decision instanceof Mcts.Write write) {
            if (write.critic()) {
                ModelEndpoints.CriticTarget target;
                try {
                    target = endpoints.criticTarget(search.config, write.role());
                } catch (ModelCallException e) {
                    return finish(work, ProblemRun.ERROR, e.getMessage(), List.of());
                }
                CriticRequest request = new CriticRequest(CriticRequest.SCHEMA_VERSION, UUID.randomUUID().toString(),
                        run.jobId, run.problemId, write.parent().id, write.action(), write.prompt().conversation(),
                        write.prefill(), write.prompt().stop(), write.n(), write.prompt().sampling(),
                        target.endpoint(), target.model(), logprobs);
                return await(run, ProblemRun.AWAITING_CRITIC, request.requestId(), Topics.CRITIC_REQUESTS, request);
            }
            ModelEndpoint endpoint;
            try {
                endpoint = endpoints.forRole(search.config, write.role());
            } catch (ModelCallException e) {
                return finish(work, ProblemRun.ERROR, e.getMessage(), List.of());
            }
            return new ModelCall(run.id, write.seq(), write.group(), write.parent().id, write.action(), write.tag(),
                    write.prefill(), write.prompt(), endpoint, logprobs, List.of());
        }
        if (decision instanceof Mcts.Verify verify) {
            return awaitVerdict(run, verify.answer());
        }
        if (decision instanceof Mcts.Stop stop) {
            return finish(work, stop.status(), null, List.of());
        }
        return finish(work, ProblemRun.ERROR, ((Mcts.Fault) decision).error(), List.of());
    }

    /**
     * Adds the nodes the policy model wrote for {@code call}, unless they were added already, and decides the next
     * step with them.
     */
    public Step addModelNodes(ModelCall call, List<Completion> outputs) {
        return step(() -> trees.take(call.runId()), () -> load(call.runId()), work -> {
            ProblemRun run = work.run;
            if (run == null || !ProblemRun.RUNNING.equals(run.status) || run.awaiting != null) {
                return Transition.dropped();
            }
            Search search = search(work);
            if (!search.mcts.writtenWith(call.seq(), call.group(), outputs, call.endpoint().role())) {
                return Transition.dropped();
            }
            return decide(work, search);
        });
    }

    /** Ends a running problem with an error that names what failed. */
    public Step fail(String runId, String error) {
        return step(() -> trees.take(runId), () -> load(runId), work -> {
            if (work.run == null || !ProblemRun.RUNNING.equals(work.run.status)) {
                return Transition.dropped();
            }
            return finish(work, ProblemRun.ERROR, error, List.of());
        });
    }

    /** Adds the critic's nodes, if this result answers the request the problem waits for. */
    public Step acceptCritic(CriticResult result) {
        return step(() -> trees.take(result.jobId(), result.problemId()),
                () -> load(result.jobId(), result.problemId()), work -> acceptCritic(work, result));
    }

    private Step acceptCritic(StepWork work, CriticResult result) {
        ProblemRun run = work.run;
        if (run == null) {
            LOG.warnf("critic result %s for unknown problem %s/%s dropped", result.requestId(), result.jobId(),
                    result.problemId());
            return Transition.dropped();
        }
        if (!isAwaiting(run, ProblemRun.AWAITING_CRITIC, result.requestId())) {
            LOG.debugf("critic result %s dropped: %s/%s does not wait for it", result.requestId(), run.jobId,
                    run.problemId);
            return Transition.dropped();
        }
        if (result.error() != null && result.unavailable()) {
            // The request stays the one awaited; the engine sends it again later. The job waits, saying why.
            String reason = "critic-service could not write the '" + result.action() + "' node: " + result.error()
                    + "; the request is sent again every " + settings.backendProbeInterval().toSeconds() + "s";
            QuarkusTransaction.requiringNew().run(() -> pause(run.id, reason));
            return Transition.dropped();
        }
        run.clearAwaiting();
        if (result.error() != null) {
            return finish(work, ProblemRun.ERROR, "critic-service could not write the '" + result.action()
                    + "' node: " + result.error(), List.of());
        }
        Search search = search(work);
        int[] awaited = search.mcts.awaitedWrite();
        List<Completion> texts = new ArrayList<>();
        for (int i = 0; i < result.texts().size(); i++) {
            texts.add(new Completion(result.texts().get(i),
                    result.confidences() == null ? null : result.confidences().get(i)));
        }
        if (search.config.reward() == RewardMode.CONFIDENCE && result.confidences() == null) {
            return finish(work, ProblemRun.ERROR, "critic-service wrote the '" + result.action() + "' nodes without"
                    + " token confidences, which the confidence reward needs (is it older than this generator?)",
                    List.of());
        }
        String role = search.config.roleOf(result.action());
        if (awaited == null || !search.mcts.writtenWith(awaited[0], awaited[1], texts, role)) {
            return finish(work, ProblemRun.ERROR, "the critic's '" + result.action() + "' nodes arrived for a step"
                    + " the search no longer waits for", List.of());
        }
        return decide(work, search);
    }

    /**
     * Stores the verdict on the answer node and ends the rollout (reward backed up to the root, wrong-answer
     * expansions queued, stop rules checked); the new root-to-answer chain is returned for publishing.
     */
    public Step acceptVerdict(VerifyResult result) {
        return step(() -> trees.take(result.jobId(), result.problemId()),
                () -> load(result.jobId(), result.problemId()), work -> acceptVerdict(work, result));
    }

    private Step acceptVerdict(StepWork work, VerifyResult result) {
        ProblemRun run = work.run;
        if (run == null) {
            LOG.warnf("verdict %s for unknown problem %s/%s dropped", result.requestId(), result.jobId(),
                    result.problemId());
            return Transition.dropped();
        }
        if (!isAwaiting(run, ProblemRun.AWAITING_VERDICT, result.requestId())) {
            LOG.debugf("verdict %s dropped: %s/%s does not wait for it", result.requestId(), run.jobId,
                    run.problemId);
            return Transition.dropped();
        }
        SearchNode answer = work.tree.node(result.nodeId());
        if (answer == null || answer.hasVerdict()) {
            return Transition.dropped();
        }
        run.clearAwaiting();
        if (result.error() != null) {
            return finish(work, ProblemRun.ERROR, "verifier-service could not judge answer node " + answer.id + ": "
                    + result.error(), List.of());
        }
        Search search = search(work);
        answer.verdictCorrect = result.verdict().correct();
        answer.verdictExtracted = result.verdict().extractedAnswer();
        answer.verdictReason = result.verdict().reason();
        search.mcts.rewarded(answer);
        var chain = ChainAssembler.chain(run, work.tree, answer, search.config);
        OutboundMessage published = work.durable(OutboundMessage.of(Topics.CHAINS, run.problemId, chain));
        return Step.after(List.of(published), decide(work, search));
    }

    /**
     * One step of a problem: {@code cached} takes it from the cache, {@code stored} reads it from the database (or
     * gives a null run when there is no such problem). The step runs on the cached copy when there is one; its
     * changes are written if the problem is still at the version it started from, else it runs again on the stored
     * state. A step that drops its input on the cached copy is also checked against the stored state before the
     * input is let go: another instance may have moved the problem on to where it does wait for that input. A step
     * that fails on its database connection (see {@link TransientDatabaseFailure}) is taken again after a pause, for
     * up to {@code marco.generator.database-retry-for}.
     */
    private Step step(Supplier<TreeCache.Entry> cached, Supplier<TreeCache.Entry> stored,
            Function<StepWork, Step> body) {
        // A failed attempt's problem is out of the cache (taken, not put back), so the next one reads it stored.
        return stepRetry.get(() -> stepOnce(cached, stored, body));
    }

    private Step stepOnce(Supplier<TreeCache.Entry> cached, Supplier<TreeCache.Entry> stored,
            Function<StepWork, Step> body) {
        TreeCache.Entry entry = cached.get();
        boolean fromCache = entry != null;
        for (int attempt = 1;; attempt++) {
            if (entry == null) {
                entry = stored.get();
                treeReadsFromDatabase.increment();
            } else {
                treeReadsFromMemory.increment();
            }
            StepWork work = new StepWork(entry);
            Step step = body.apply(work);
            boolean dropped = step instanceof Transition t && t.runId() == null && !t.proceed()
                    && t.messages().isEmpty();
            if (dropped && fromCache) {
                entry = null;
                fromCache = false;
                continue;
            }
            if (dropped) {
                keep(work);
                return step;
            }
            if (writer.write(work.changes())) {
                keep(work);
                work.afterWrite.forEach(Runnable::run);
                return step;
            }
            stepsTakenAgain.increment();
            if (attempt == STEP_ATTEMPTS) {
                throw new IllegalStateException("problem run " + work.run.id + " moved on under " + STEP_ATTEMPTS
                        + " attempts of one step");
            }
            LOG.debugf("problem run %s moved on since this instance last wrote it: step taken again", work.run.id);
            entry = null;
            fromCache = false;
        }
    }

    /** Keeps a running problem's objects for its next step. */
    private void keep(StepWork work) {
        if (work.run != null && ProblemRun.RUNNING.equals(work.run.status)) {
            trees.put(new TreeCache.Entry(work.run, work.tree));
        }
    }

    private static TreeCache.Entry load(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> loaded(ProblemRun.findById(runId)));
    }

    private static TreeCache.Entry load(String jobId, String problemId) {
        return QuarkusTransaction.requiringNew().call(() -> loaded(ProblemRun.<ProblemRun>find(
                "jobId = ?1 and problemId = ?2", jobId, problemId).firstResult()));
    }

    /** Within the reading transaction: the run with its lazily read texts, and its tree, both to be detached. */
    private static TreeCache.Entry loaded(ProblemRun run) {
        if (run == null) {
            return new TreeCache.Entry(null, TreeState.of(List.of()));
        }
        // Read now: the objects outlive the transaction.
        String config = run.configJson;
        String payload = run.awaitingPayload;
        LOG.tracef("run %s loaded (%d + %d characters of config and awaited request)", run.id, config.length(),
                payload == null ? 0 : payload.length());
        TreeState tree = run.treeId == null ? TreeState.of(List.of()) : TreeState.load(run.id);
        return new TreeCache.Entry(run, tree);
    }

    /** A problem's loaded search: config, state, and the engine over them and the step's tree. */
    private record Search(SearchConfig config, SearchState state, Mcts mcts) {
    }

    private Search search(StepWork work) {
        ProblemRun run = work.run;
        SearchConfig config = configs.ofRun(run);
        SearchState state = SearchState.of(run);
        long seed = SearchRandom.runSeed(config.forge().seed(), run.problemId, run.treeId);
        // Answers are verified unless the confidence reward runs on a problem without a ground truth.
        boolean verifiable = config.reward() != RewardMode.CONFIDENCE || hasGroundTruth(run);
        Mcts mcts = new Mcts(config, run.question, work.tree, state,
                (parent, action, text, role, tag, origin, confidence) -> work.created(newNode(run, parent, action,
                        text, role, tag, origin, confidence)),
                seed, settings.maxStepsPerRollout(), verifiable);
        return new Search(config, state, mcts);
    }

    /**
     * A step's problem as it found it, and what it changes: nodes and outbox rows it creates, nodes it updates (as
     * the difference from the start), and what runs once all is written.
     */
    private static final class StepWork {

        final ProblemRun run;
        final TreeState tree;
        final long version;
        final String payloadBefore;
        final NodeChanges nodeChanges;
        final List<SearchNode> created = new ArrayList<>();
        final List<OutboxMessage> outbox = new ArrayList<>();
        final List<Runnable> afterWrite = new ArrayList<>();

        StepWork(TreeCache.Entry entry) {
            this.run = entry.run();
            this.tree = entry.tree();
            this.version = run == null ? 0 : run.treeVersion;
            this.payloadBefore = run == null ? null : run.awaitingPayload;
            this.nodeChanges = NodeChanges.of(tree);
        }

        SearchNode created(SearchNode node) {
            created.add(node);
            return node;
        }

        /** Stores {@code message} in the outbox with the step's other changes, so a crash cannot lose it. */
        OutboundMessage durable(OutboundMessage message) {
            OutboxMessage row = outboxRow(message);
            outbox.add(row);
            return sentFrom(row);
        }

        StepWriter.StepChanges changes() {
            // The payload is compared by reference: it is replaced, never edited, and large enough to send only
            // when it changed.
            return new StepWriter.StepChanges(run, version, run.awaitingPayload != payloadBefore, created,
                    nodeChanges.changed(), outbox);
        }
    }

    /**
     * The request a running problem still waits for, if it is {@code requestId}: to send again after its server was
     * unavailable.
     */
    @Transactional
    public List<OutboundMessage> awaitedAgain(String jobId, String problemId, String requestId) {
        ProblemRun run = ProblemRun.<ProblemRun>find("jobId = ?1 and problemId = ?2", jobId, problemId)
                .firstResultOptional().orElse(null);
        if (run == null || !ProblemRun.RUNNING.equals(run.status) || !requestId.equals(run.awaitingRequestId)) {
            return List.of();
        }
        return List.of(new OutboundMessage(run.awaitingTopic, run.problemId, run.awaitingPayload));
    }

    /** Clears a job's pause: what it waited for answers again. */
    @Transactional
    public void unpauseJob(String jobId) {
        Job.update("pausedReason = null where id = ?1", jobId);
    }

    /** Marks the job of {@code runId} paused with {@code reason} (a model server it needs is down). */
    @Transactional
    public void pause(String runId, String reason) {
        Job.getEntityManager().createNativeQuery("UPDATE jobs SET paused_reason = :reason WHERE id ="
                + " (SELECT job_id FROM problem_runs WHERE id = :run) AND status = :running")
                .setParameter("reason", reason).setParameter("run", runId).setParameter("running", Job.RUNNING)
                .executeUpdate();
    }

    /** Clears the pause of the jobs of {@code runIds}: the server they waited for answers again. */
    @Transactional
    public void unpause(List<String> runIds) {
        if (runIds.isEmpty()) {
            return;
        }
        Job.getEntityManager().createNativeQuery("UPDATE jobs SET paused_reason = NULL WHERE id IN"
                + " (SELECT job_id FROM problem_runs WHERE id IN (:runs))").setParameter("runs", runIds)
                .executeUpdate();
    }

    /**
     * What to do to pick up unfinished work after a restart: SearchRequests of problems not yet started, the
     * requests running problems wait for, and the running problems that were between two steps.
     */
    @Transactional
    public Resumption resumption() {
        List<OutboundMessage> messages = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        // Paused searches are continued below: a server still down pauses them again at its first call.
        Job.update("pausedReason = null where pausedReason is not null");
        // A job whose last problem finished just before a crash, before its completion check ran.
        Job.<Job>list("status", Job.RUNNING).forEach(job -> JobCompletion.completeIfDone(job.id));
        // Chains and results committed but never acknowledged are the OutboxSweeper's.
        List<ProblemRun> open = ProblemRun.list("status in ?1",
                List.of(ProblemRun.PENDING, ProblemRun.RUNNING));
        for (ProblemRun run : open) {
            if (ProblemRun.PENDING.equals(run.status)) {
                messages.add(OutboundMessage.of(Topics.SEARCH_REQUESTS, run.problemId, searchRequestOf(run)));
            } else if (run.awaiting != null) {
                messages.add(new OutboundMessage(run.awaitingTopic, run.problemId, run.awaitingPayload));
            } else {
                runIds.add(run.id);
            }
        }
        return new Resumption(messages, runIds);
    }

    /** Unfinished work found at start-up. */
    public record Resumption(List<OutboundMessage> messages, List<String> runIdsToContinue) {
    }

    private Transition awaitVerdict(ProblemRun run, SearchNode answer) {
        VerifyRequest request = new VerifyRequest(VerifyRequest.SCHEMA_VERSION, UUID.randomUUID().toString(),
                run.jobId, run.problemId, answer.id, answer.text, run.evaluator, readJson(run.groundTruthJson));
        return await(run, ProblemRun.AWAITING_VERDICT, request.requestId(), Topics.VERIFY_REQUESTS, request);
    }

    private Transition await(ProblemRun run, String what, String requestId, String topic, Object request) {
        run.awaiting = what;
        run.awaitingRequestId = requestId;
        run.awaitingTopic = topic;
        run.awaitingPayload = MessageCodec.encode(request);
        return Transition.emit(List.of(new OutboundMessage(topic, run.problemId, run.awaitingPayload)));
    }

    private static boolean isAwaiting(ProblemRun run, String what, String requestId) {
        return ProblemRun.RUNNING.equals(run.status) && what.equals(run.awaiting)
                && requestId.equals(run.awaitingRequestId);
    }

    /** A new outbox row holding {@code message}; the caller stores it. */
    private static OutboxMessage outboxRow(OutboundMessage message) {
        OutboxMessage row = new OutboxMessage();
        row.id = UUID.randomUUID().toString();
        row.topic = message.topic();
        row.key = message.key();
        row.json = message.json();
        return row;
    }

    /** The message of an outbox row, to publish once the row is stored. */
    private static OutboundMessage sentFrom(OutboxMessage row) {
        return new OutboundMessage(row.topic, row.key, row.json, row.id);
    }

    /** Ends the step's problem with {@code status}; its result is published once written. */
    private Transition finish(StepWork work, String status, String error, List<OutboundMessage> before) {
        ProblemRun run = work.run;
        end(run, status, error);
        String jobId = run.jobId;
        work.afterWrite.add(() -> {
            jobCompletion.problemFinished(jobId);
            meters.counter("marco.generator.problems", "status", status).increment();
            if (error != null) {
                LOG.infof("problem %s/%s failed: %s", run.jobId, run.problemId, error);
            }
        });
        List<OutboundMessage> messages = new ArrayList<>(before);
        messages.add(work.durable(OutboundMessage.of(Topics.SEARCH_RESULTS, run.problemId,
                ChainAssembler.result(run, work.tree))));
        return Transition.emit(messages);
    }

    private static void end(ProblemRun run, String status, String error) {
        run.status = status;
        run.error = error;
        run.finishedAt = Instant.now();
        run.clearAwaiting();
    }

    private static boolean hasGroundTruth(ProblemRun run) {
        return run.groundTruthJson != null && !readJson(run.groundTruthJson).isNull();
    }

    /** A new node of {@code run}'s tree, counted on the run; the caller stores it. */
    private static SearchNode newNode(ProblemRun run, SearchNode parent, String action, String text, String role,
            String tag, String origin, TokenConfidence confidence) {
        SearchNode node = new SearchNode();
        node.id = UUID.randomUUID().toString();
        node.treeId = run.treeId;
        node.problemRunId = run.id;
        node.parentId = parent == null ? null : parent.id;
        node.ordinal = run.nodeCount;
        node.action = action;
        node.text = text;
        node.modelRole = role;
        node.tag = tag;
        node.depth = parent == null ? 0 : parent.depth + 1;
        node.originId = origin;
        node.confidenceSum = confidence.sum();
        node.confidenceTokens = confidence.tokens();
        node.createdAt = Instant.now();
        run.nodeCount += 1;
        return node;
    }

    /**
     * Inserts the job and the problem when this service has not seen them; concurrent requests of one new job may
     * race, so the inserts skip rows that exist instead of failing.
     */
    private static void recordIfNew(SearchRequest request, String configJson) {
        var em = Job.getEntityManager();
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO jobs (id, name, config_json, status, created_at)"
                + " VALUES (:id, NULL, :config, :status, :now) ON CONFLICT (id) DO NOTHING")
                .setParameter("id", request.jobId()).setParameter("config", configJson)
                .setParameter("status", Job.RUNNING).setParameter("now", now).executeUpdate();
        Problem problem = request.problem();
        int inserted = em.createNativeQuery("INSERT INTO problem_runs (id, job_id, problem_id, position, question,"
                + " ground_truth_json, evaluator, config_json, status, node_count, created_at)"
                + " VALUES (:id, :job, :problem,"
                + " (SELECT COALESCE(MAX(p.position) + 1, 0) FROM problem_runs p WHERE p.job_id = :job),"
                + " :question, :truth, :evaluator, :config, :status, 0, :now)"
                + " ON CONFLICT (job_id, problem_id) DO NOTHING")
                .setParameter("id", UUID.randomUUID().toString()).setParameter("job", request.jobId())
                .setParameter("problem", problem.id()).setParameter("question", problem.question())
                .setParameter("truth", MessageCodec.encode(problem.groundTruth()))
                .setParameter("evaluator", problem.evaluator()).setParameter("config", configJson)
                .setParameter("status", ProblemRun.PENDING).setParameter("now", now).executeUpdate();
        if (inserted > 0) {
            // A problem added to a finished job makes it run again.
            Job job = Job.findById(request.jobId(), LockModeType.PESSIMISTIC_WRITE);
            if (Job.COMPLETED.equals(job.status)) {
                job.status = Job.RUNNING;
                job.completedAt = null;
            }
        }
    }

    private static Optional<ProblemRun> lockRun(String jobId, String problemId) {
        return ProblemRun.<ProblemRun>find("jobId = ?1 and problemId = ?2", jobId, problemId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    static SearchRequest searchRequestOf(ProblemRun run) {
        return SearchRequest.of(run.jobId,
                new Problem(run.problemId, run.question, readJson(run.groundTruthJson), run.evaluator),
                readJson(run.configJson));
    }

    private static JsonNode readJson(String json) {
        try {
            return MessageCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }
}
