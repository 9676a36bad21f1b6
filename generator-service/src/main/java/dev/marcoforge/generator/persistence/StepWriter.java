package dev.marcoforge.generator.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Writes what search steps changed (each problem's row, the nodes a step updated, the nodes and outbox rows it
 * created) in ONE autocommitted statement, a data-modifying CTE over arrays, and each step's changes only if its
 * problem's row is still at the version the step started from.
 *
 * <p>Why one statement: every round trip costs the generator and PostgreSQL a wake-up each, and a step used to take
 * six (row lock, node updates, node inserts, outbox insert, row update, commit). Why several steps in it: steps of
 * different problems that finish while a write is under way are written together by the next one (group commit), so
 * under load the statements, plans and commits per step fall further; alone, a step is written at once.
 *
 * <p>The version check replaces the row lock: a step works on the problem as this instance last wrote it, and when
 * another instance (or a concurrent step here) moved it on meanwhile, that step's changes are not written and the
 * step is taken again from the database's state.
 */
@ApplicationScoped
public class StepWriter {

    private static final Logger LOG = Logger.getLogger(StepWriter.class);

    /** One step's changes; {@code run} holds the row's new values, {@code expectedVersion} the version it read. */
    public record StepChanges(ProblemRun run, long expectedVersion, boolean payloadChanged, List<SearchNode> created,
            List<SearchNode> updated, List<OutboxMessage> outbox) {
    }

    static final String WRITE = """
            WITH input AS (
              SELECT * FROM unnest(?::varchar[], ?::int8[], ?::varchar[], ?::text[], ?::timestamptz[], ?::int4[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::bool[], ?::text[], ?::varchar[], ?::text[], ?::int4[],
                ?::int8[], ?::int4[], ?::varchar[])
                AS r(id, expected_version, status, error, finished_at, node_count, awaiting, awaiting_request_id,
                  awaiting_topic, payload_changed, awaiting_payload, cursor_node_id, pending_json, rollouts,
                  random_draws, expansion_seq, stop_outcome)),
            run AS (
              UPDATE problem_runs p SET status = r.status, error = r.error, finished_at = r.finished_at,
                node_count = r.node_count, awaiting = r.awaiting, awaiting_request_id = r.awaiting_request_id,
                awaiting_topic = r.awaiting_topic,
                awaiting_payload = CASE WHEN r.payload_changed THEN r.awaiting_payload ELSE p.awaiting_payload END,
                cursor_node_id = r.cursor_node_id, pending_json = r.pending_json, rollouts = r.rollouts,
                random_draws = r.random_draws, expansion_seq = r.expansion_seq, stop_outcome = r.stop_outcome,
                tree_version = r.expected_version + 1
              FROM input r
              WHERE p.id = r.id AND p.tree_version = r.expected_version
              RETURNING p.id),
            created AS (
              INSERT INTO search_nodes (id, tree_id, problem_run_id, parent_id, ordinal, action, text, model_role, tag,
                depth, visits, total_reward, origin_id, verdict_correct, verdict_extracted, verdict_reason,
                fully_expanded, confidence_sum, confidence_tokens, created_at)
              SELECT n.*, ?::timestamptz FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int4[],
                ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::int4[], ?::int4[], ?::float8[], ?::varchar[],
                ?::bool[], ?::text[], ?::text[], ?::bool[], ?::float8[], ?::int4[])
                AS n(id, tree_id, problem_run_id, parent_id, ordinal, action, text, model_role, tag, depth, visits,
                  total_reward, origin_id, verdict_correct, verdict_extracted, verdict_reason, fully_expanded,
                  confidence_sum, confidence_tokens)
              WHERE n.problem_run_id IN (SELECT id FROM run)),
            updated AS (
              UPDATE search_nodes s SET visits = u.visits, total_reward = u.total_reward,
                fully_expanded = u.fully_expanded, verdict_correct = u.verdict_correct,
                verdict_extracted = u.verdict_extracted, verdict_reason = u.verdict_reason
              FROM unnest(?::varchar[], ?::varchar[], ?::int4[], ?::float8[], ?::bool[], ?::bool[], ?::text[],
                ?::text[])
                AS u(id, run_id, visits, total_reward, fully_expanded, verdict_correct, verdict_extracted,
                  verdict_reason)
              WHERE s.id = u.id AND u.run_id IN (SELECT id FROM run)),
            sent AS (
              INSERT INTO outbox (id, topic, msg_key, json, created_at)
              SELECT o.id, o.topic, o.msg_key, o.json, ?::timestamptz
              FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[])
                AS o(run_id, id, topic, msg_key, json)
              WHERE o.run_id IN (SELECT id FROM run))
            SELECT id FROM run""";

    private final AgroalDataSource dataSource;

    /** Steps waiting to be written; the one thread that is writing takes them all for its next statement. */
    private final Object lock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean writing;

    public StepWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A step waiting for its write, and how it went. */
    private static final class Pending {
        final StepChanges changes;
        boolean done;
        boolean written;
        RuntimeException failure;

        Pending(StepChanges changes) {
            this.changes = changes;
        }

        boolean outcome() {
            if (failure != null) {
                throw failure;
            }
            return written;
        }
    }

    /**
     * Writes {@code changes} unless the problem's row moved past {@code expectedVersion}; on success the row's new
     * version is {@code expectedVersion + 1} (set on {@code changes.run()} too). Blocks until written: when another
     * thread is writing, this step goes into the next statement, written by whichever waiting thread gets there
     * first.
     *
     * @return false when the row was at another version and nothing of this step was written
     */
    public boolean write(StepChanges changes) {
        Pending mine = new Pending(changes);
        List<Pending> batch;
        synchronized (lock) {
            queue.add(mine);
            while (writing && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to write a step", e);
                }
            }
            if (mine.done) {
                return mine.outcome();
            }
            writing = true;
            batch = takeBatch();
        }
        try {
            writeBatch(batch);
        } finally {
            synchronized (lock) {
                writing = false;
                lock.notifyAll();
            }
        }
        return mine.outcome();
    }

    /**
     * The queued steps, one per problem: a second step of the same problem waits for the next statement, so that
     * each problem's version check decides for exactly one step.
     */
    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        Set<String> runs = new HashSet<>();
        for (Pending p : queue) {
            (runs.add(p.changes.run().id) ? batch : later).add(p);
        }
        queue = later;
        return batch;
    }

    private void writeBatch(List<Pending> batch) {
        Instant now = Instant.now();
        try {
            Set<String> written = execute(batch.stream().map(p -> p.changes).toList(), now);
            batch.forEach(p -> settle(p, written.contains(p.changes.run().id), now));
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                Pending p = batch.get(0);
                p.failure = new IllegalStateException("writing a step of problem run " + p.changes.run().id
                        + " failed: " + e.getMessage(), e);
                p.done = true;
                return;
            }
            // One step's fault must not fail the others written with it: each is written on its own to find it.
            LOG.debugf("a statement of %d steps failed (%s); writing them one by one", batch.size(), e.getMessage());
            batch.forEach(p -> writeBatch(List.of(p)));
        }
    }

    private static void settle(Pending p, boolean written, Instant now) {
        if (written) {
            p.changes.run().treeVersion = p.changes.expectedVersion() + 1;
            p.changes.created().forEach(n -> n.createdAt = now);
            p.changes.outbox().forEach(o -> o.createdAt = now);
        }
        p.written = written;
        p.done = true;
    }

    /** @return the ids of the problem runs whose steps were written */
    private Set<String> execute(List<StepChanges> steps, Instant now) throws SQLException {
        List<ProblemRun> runs = steps.stream().map(StepChanges::run).toList();
        List<SearchNode> created = new ArrayList<>();
        List<SearchNode> updated = new ArrayList<>();
        List<OutboxMessage> outbox = new ArrayList<>();
        List<String> outboxRuns = new ArrayList<>();
        for (StepChanges step : steps) {
            created.addAll(step.created());
            updated.addAll(step.updated());
            outbox.addAll(step.outbox());
            step.outbox().forEach(o -> outboxRuns.add(step.run().id));
        }
        String at = now.toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(WRITE)) {
            Arrays arrays = new Arrays(connection, statement);
            arrays.add("varchar", runs, r -> r.id);
            arrays.add("int8", steps, StepChanges::expectedVersion);
            arrays.add("varchar", runs, r -> r.status);
            arrays.add("text", runs, r -> r.error);
            arrays.add("timestamptz", runs, r -> r.finishedAt == null ? null : r.finishedAt.toString());
            arrays.add("int4", runs, r -> r.nodeCount);
            arrays.add("varchar", runs, r -> r.awaiting);
            arrays.add("varchar", runs, r -> r.awaitingRequestId);
            arrays.add("varchar", runs, r -> r.awaitingTopic);
            arrays.add("bool", steps, StepChanges::payloadChanged);
            arrays.add("text", steps, s -> s.payloadChanged() ? s.run().awaitingPayload : null);
            arrays.add("varchar", runs, r -> r.cursorNodeId);
            arrays.add("text", runs, r -> r.pendingJson);
            arrays.add("int4", runs, r -> r.rollouts);
            arrays.add("int8", runs, r -> r.randomDraws);
            arrays.add("int4", runs, r -> r.expansionSeq);
            arrays.add("varchar", runs, r -> r.stopOutcome);

            arrays.value(at);
            arrays.add("varchar", created, n -> n.id);
            arrays.add("varchar", created, n -> n.treeId);
            arrays.add("varchar", created, n -> n.problemRunId);
            arrays.add("varchar", created, n -> n.parentId);
            arrays.add("int4", created, n -> n.ordinal);
            arrays.add("varchar", created, n -> n.action);
            arrays.add("text", created, n -> n.text);
            arrays.add("varchar", created, n -> n.modelRole);
            arrays.add("varchar", created, n -> n.tag);
            arrays.add("int4", created, n -> n.depth);
            arrays.add("int4", created, n -> n.visits);
            arrays.add("float8", created, n -> n.totalReward);
            arrays.add("varchar", created, n -> n.originId);
            arrays.add("bool", created, n -> n.verdictCorrect);
            arrays.add("text", created, n -> n.verdictExtracted);
            arrays.add("text", created, n -> n.verdictReason);
            arrays.add("bool", created, n -> n.fullyExpanded);
            arrays.add("float8", created, n -> n.confidenceSum);
            arrays.add("int4", created, n -> n.confidenceTokens);

            arrays.add("varchar", updated, n -> n.id);
            arrays.add("varchar", updated, n -> n.problemRunId);
            arrays.add("int4", updated, n -> n.visits);
            arrays.add("float8", updated, n -> n.totalReward);
            arrays.add("bool", updated, n -> n.fullyExpanded);
            arrays.add("bool", updated, n -> n.verdictCorrect);
            arrays.add("text", updated, n -> n.verdictExtracted);
            arrays.add("text", updated, n -> n.verdictReason);

            arrays.value(at);
            arrays.add("varchar", outboxRuns, id -> id);
            arrays.add("varchar", outbox, o -> o.id);
            arrays.add("varchar", outbox, o -> o.topic);
            arrays.add("varchar", outbox, o -> o.key);
            arrays.add("text", outbox, o -> o.json);

            Set<String> written = new HashSet<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    written.add(result.getString(1));
                }
            }
            return written;
        }
    }

    /** Binds the statement's parameters in order. */
    private static final class Arrays {
        private final Connection connection;
        private final PreparedStatement statement;
        private int index;

        Arrays(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        <T> void add(String type, List<T> rows, Function<T, Object> column) throws SQLException {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.apply(rows.get(i));
            }
            statement.setArray(++index, connection.createArrayOf(type, values));
        }

        void value(String text) throws SQLException {
            statement.setString(++index, text);
        }
    }
}
