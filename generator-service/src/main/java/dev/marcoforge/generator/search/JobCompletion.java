package dev.marcoforge.generator.search;

import dev.marcoforge.generator.persistence.Job;
import dev.marcoforge.generator.persistence.ProblemRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Marks a job COMPLETED once its last problem has finished. The check runs after a finishing problem's transaction
 * has committed, in a short transaction of its own on one thread: done inside the finishing step, every finisher of
 * a job queued on the job row's lock while holding its own problem's, and the problems of a job tend to finish
 * together, so the job's last problems waited for one another. Checks of one job that pile up are run once. Each
 * check starts after its finisher's commit, so whichever finisher commits last (on any instance) sees every problem
 * done; the job row is locked before counting, so a problem added to the job meanwhile is seen.
 */
@ApplicationScoped
public class JobCompletion {

    private static final Logger LOG = Logger.getLogger(JobCompletion.class);
    private static final long RETRY_SECONDS = 5;

    private final Set<String> due = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-completion");
        thread.setDaemon(true);
        return thread;
    });

    /** A problem of {@code jobId} has finished and committed. */
    public void problemFinished(String jobId) {
        if (due.add(jobId)) {
            worker.execute(() -> check(jobId));
        }
    }

    private void check(String jobId) {
        // Off the set before the check: a finisher that commits during it queues a check of its own.
        due.remove(jobId);
        try {
            QuarkusTransaction.requiringNew().run(() -> completeIfDone(jobId));
        } catch (RuntimeException e) {
            LOG.warnf("checking whether job %s is complete failed (again in %ds): %s", jobId, RETRY_SECONDS,
                    e.getMessage());
            worker.schedule(() -> problemFinished(jobId), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Within a transaction: completes the job when no problem of it is pending or running. */
    static void completeIfDone(String jobId) {
        Job job = Job.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !Job.RUNNING.equals(job.status)) {
            return;
        }
        long open = ProblemRun.count("jobId = ?1 and status in ?2", jobId,
                List.of(ProblemRun.PENDING, ProblemRun.RUNNING));
        if (open == 0) {
            job.status = Job.COMPLETED;
            job.pausedReason = null;
            job.completedAt = Instant.now();
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
