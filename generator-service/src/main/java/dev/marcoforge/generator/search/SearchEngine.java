package dev.marcoforge.generator.search;

import dev.marcoforge.contracts.CriticResult;
import dev.marcoforge.contracts.SearchRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.generator.model.ModelCallException;
import dev.marcoforge.generator.model.PolicyModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
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
    private final PolicyModel policy;
    private final MessageSink sink;

    public SearchEngine(SearchStore store, PolicyModel policy, MessageSink sink) {
        this.store = store;
        this.policy = policy;
        this.sink = sink;
    }

    /** Records a checked job and publishes one SearchRequest per problem; returns the job id. */
    public String submit(JobSubmission submission) {
        String jobId = UUID.randomUUID().toString();
        sink.publish(store.submit(jobId, submission));
        return jobId;
    }

    public void onSearchRequest(SearchRequest request) {
        apply(store.start(request));
    }

    public void onCriticResult(CriticResult result) {
        apply(store.acceptCritic(result));
    }

    public void onVerifyResult(VerifyResult result) {
        apply(store.acceptVerdict(result));
    }

    /** Picks up what was left unfinished when the service stopped. */
    public void resume() {
        SearchStore.Resumption work = store.resumption();
        if (!work.messages().isEmpty() || !work.runIdsToContinue().isEmpty()) {
            LOG.infof("resuming: re-publishing %d request(s), continuing %d problem(s)", work.messages().size(),
                    work.runIdsToContinue().size());
        }
        sink.publish(work.messages());
        work.runIdsToContinue().forEach(this::advance);
    }

    private void apply(Transition transition) {
        sink.publish(transition.messages());
        if (transition.proceed()) {
            advance(transition.runId());
        }
    }

    /** Takes steps until the search waits for another service, finishes, or finds nothing to do. */
    void advance(String runId) {
        while (true) {
            Transition transition;
            try {
                Step step = store.nextStep(runId);
                transition = step instanceof PolicyCall call ? write(call) : (Transition) step;
            } catch (RuntimeException e) {
                // A step that cannot even be planned must not leave the problem RUNNING forever.
                LOG.errorf(e, "planning the next step of problem run %s failed", runId);
                transition = store.fail(runId, "the generator could not plan the next step: " + e);
            }
            sink.publish(transition.messages());
            if (!transition.proceed()) {
                return;
            }
        }
    }

    private Transition write(PolicyCall call) {
        try {
            List<String> texts = policy.complete(call.endpoint(), call.prompt());
            return store.addPolicyNode(call, texts.get(0));
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
