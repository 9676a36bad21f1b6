package dev.marcoforge.generator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * The search of one problem of a job. While a step waits for another service, {@code awaiting*} holds the request
 * that was sent: a result is accepted only for that request, and the request can be sent again after a restart.
 *
 * <p>Every step of a search locks and updates this row, so a step sends only the columns it changed, and the large
 * texts (the config, the request sent) are read only when used: the config is cached per run in memory.
 */
@Entity
@DynamicUpdate
@Table(name = "problem_runs",
        uniqueConstraints = @UniqueConstraint(name = "uk_problem_runs_job_problem", columnNames = { "job_id", "problem_id" }),
        indexes = @Index(name = "ix_problem_runs_status", columnList = "status"))
public class ProblemRun extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String SOLVED = "SOLVED";
    public static final String UNSOLVED = "UNSOLVED";
    public static final String ERROR = "ERROR";

    public static final String AWAITING_CRITIC = "CRITIC";
    public static final String AWAITING_VERDICT = "VERDICT";

    @Id
    @Column(name = "id", length = 64)
    public String id;

    @Column(name = "job_id", nullable = false, length = 200)
    public String jobId;

    @Column(name = "problem_id", nullable = false, length = 500)
    public String problemId;

    /** The problem's place in its job, for listing in submission order. */
    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "question", nullable = false, columnDefinition = "text")
    public String question;

    @Column(name = "ground_truth_json", nullable = false, columnDefinition = "text")
    public String groundTruthJson;

    @Column(name = "evaluator", nullable = false, length = 200)
    public String evaluator;

    /** The config this problem is searched with, as its SearchRequest carried it. */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "config_json", nullable = false, columnDefinition = "text")
    public String configJson;

    @Column(name = "status", nullable = false, length = 20)
    public String status;

    @Column(name = "error", columnDefinition = "text")
    public String error;

    @Column(name = "tree_id", length = 64)
    public String treeId;

    @Column(name = "node_count", nullable = false)
    public int nodeCount;

    @Column(name = "awaiting", length = 20)
    public String awaiting;

    @Column(name = "awaiting_request_id", length = 64)
    public String awaitingRequestId;

    @Column(name = "awaiting_topic", length = 200)
    public String awaitingTopic;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "awaiting_payload", columnDefinition = "text")
    public String awaitingPayload;

    /** The search's place between steps, see {@code SearchState}. */
    @Column(name = "cursor_node_id", length = 64)
    public String cursorNodeId;

    @Column(name = "pending_json", columnDefinition = "text")
    public String pendingJson;

    @Column(name = "rollouts", columnDefinition = "integer not null default 0")
    public int rollouts;

    @Column(name = "random_draws", columnDefinition = "bigint not null default 0")
    public long randomDraws;

    @Column(name = "expansion_seq", columnDefinition = "integer not null default 0")
    public int expansionSeq;

    @Column(name = "stop_outcome", length = 20)
    public String stopOutcome;

    /**
     * Counts the committed steps that changed the tree: a generator keeps a problem's tree in memory between steps
     * and reuses it only while this still matches (another instance's step, or a rolled-back one, makes it reload).
     */
    @Column(name = "tree_version", columnDefinition = "bigint not null default 0")
    public long treeVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean isFinished() {
        return SOLVED.equals(status) || UNSOLVED.equals(status) || ERROR.equals(status);
    }

    public void clearAwaiting() {
        awaiting = null;
        awaitingRequestId = null;
        awaitingTopic = null;
        awaitingPayload = null;
    }
}
