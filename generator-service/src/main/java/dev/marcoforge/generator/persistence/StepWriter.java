package dev.marcoforge.generator.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes what one search step changed (the problem's row, the nodes it updated, the nodes and outbox rows it
 * created) in ONE autocommitted statement, a data-modifying CTE over arrays, if and only if the problem's row is
 * still at the version the step started from. Each round trip costs both the generator and PostgreSQL a wake-up,
 * and a step used to take six (row lock, node updates, node inserts, outbox insert, row update, commit); steps
 * are most of what the generator asks of the database.
 *
 * <p>The version check replaces the row lock: a step works on the problem as this instance last wrote it, and when
 * another instance (or a concurrent step here) moved it on meanwhile, nothing is written and the step is taken
 * again from the database's state.
 */
@ApplicationScoped
public class StepWriter {

    /** One step's changes; {@code run} holds the row's new values, {@code expectedVersion} the version it read. */
    public record StepChanges(ProblemRun run, long expectedVersion, boolean payloadChanged, List<SearchNode> created,
            List<SearchNode> updated, List<OutboxMessage> outbox) {
    }

    static final String WRITE = """
            WITH run AS (
              UPDATE problem_runs SET status = ?, error = ?, finished_at = ?, node_count = ?, awaiting = ?,
                awaiting_request_id = ?, awaiting_topic = ?,
                awaiting_payload = CASE WHEN ? THEN ? ELSE awaiting_payload END,
                cursor_node_id = ?, pending_json = ?, rollouts = ?, random_draws = ?, expansion_seq = ?,
                stop_outcome = ?, tree_version = ?
              WHERE id = ? AND tree_version = ?
              RETURNING id),
            created AS (
              INSERT INTO search_nodes (id, tree_id, problem_run_id, parent_id, ordinal, action, text, model_role, tag,
                depth, visits, total_reward, origin_id, verdict_correct, verdict_extracted, verdict_reason,
                fully_expanded, confidence_sum, confidence_tokens, created_at)
              SELECT n.*, ?::timestamptz FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int4[],
                ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::int4[], ?::int4[], ?::float8[], ?::varchar[],
                ?::bool[], ?::text[], ?::text[], ?::bool[], ?::float8[], ?::int4[]) AS n
              WHERE EXISTS (SELECT 1 FROM run)),
            updated AS (
              UPDATE search_nodes s SET visits = u.visits, total_reward = u.total_reward,
                fully_expanded = u.fully_expanded, verdict_correct = u.verdict_correct,
                verdict_extracted = u.verdict_extracted, verdict_reason = u.verdict_reason
              FROM unnest(?::varchar[], ?::int4[], ?::float8[], ?::bool[], ?::bool[], ?::text[], ?::text[])
                AS u(id, visits, total_reward, fully_expanded, verdict_correct, verdict_extracted, verdict_reason)
              WHERE s.id = u.id AND EXISTS (SELECT 1 FROM run)),
            sent AS (
              INSERT INTO outbox (id, topic, msg_key, json, created_at)
              SELECT o.*, ?::timestamptz FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[]) AS o
              WHERE EXISTS (SELECT 1 FROM run))
            SELECT count(*) FROM run""";

    private final AgroalDataSource dataSource;

    public StepWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes {@code changes} unless the problem's row moved past {@code expectedVersion}; on success the row's new
     * version is {@code expectedVersion + 1} (set on {@code changes.run()} too).
     *
     * @return false when the row was at another version and nothing was written
     */
    public boolean write(StepChanges changes, Instant now) {
        ProblemRun run = changes.run();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(WRITE)) {
            int i = 0;
            statement.setString(++i, run.status);
            statement.setString(++i, run.error);
            statement.setObject(++i, run.finishedAt == null ? null
                    : OffsetDateTime.ofInstant(run.finishedAt, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setInt(++i, run.nodeCount);
            statement.setString(++i, run.awaiting);
            statement.setString(++i, run.awaitingRequestId);
            statement.setString(++i, run.awaitingTopic);
            statement.setBoolean(++i, changes.payloadChanged());
            statement.setString(++i, changes.payloadChanged() ? run.awaitingPayload : null);
            statement.setString(++i, run.cursorNodeId);
            statement.setString(++i, run.pendingJson);
            statement.setInt(++i, run.rollouts);
            statement.setLong(++i, run.randomDraws);
            statement.setInt(++i, run.expansionSeq);
            statement.setString(++i, run.stopOutcome);
            statement.setLong(++i, changes.expectedVersion() + 1);
            statement.setString(++i, run.id);
            statement.setLong(++i, changes.expectedVersion());

            List<SearchNode> created = changes.created();
            statement.setObject(++i, at);
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.id).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.treeId).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.problemRunId).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.parentId).toArray());
            i = array(connection, statement, i, "int4", created.stream().map(n -> n.ordinal).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.action).toArray());
            i = array(connection, statement, i, "text", created.stream().map(n -> n.text).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.modelRole).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.tag).toArray());
            i = array(connection, statement, i, "int4", created.stream().map(n -> n.depth).toArray());
            i = array(connection, statement, i, "int4", created.stream().map(n -> n.visits).toArray());
            i = array(connection, statement, i, "float8", created.stream().map(n -> n.totalReward).toArray());
            i = array(connection, statement, i, "varchar", created.stream().map(n -> n.originId).toArray());
            i = array(connection, statement, i, "bool", created.stream().map(n -> n.verdictCorrect).toArray());
            i = array(connection, statement, i, "text", created.stream().map(n -> n.verdictExtracted).toArray());
            i = array(connection, statement, i, "text", created.stream().map(n -> n.verdictReason).toArray());
            i = array(connection, statement, i, "bool", created.stream().map(n -> n.fullyExpanded).toArray());
            i = array(connection, statement, i, "float8", created.stream().map(n -> n.confidenceSum).toArray());
            i = array(connection, statement, i, "int4", created.stream().map(n -> n.confidenceTokens).toArray());

            List<SearchNode> updated = changes.updated();
            i = array(connection, statement, i, "varchar", updated.stream().map(n -> n.id).toArray());
            i = array(connection, statement, i, "int4", updated.stream().map(n -> n.visits).toArray());
            i = array(connection, statement, i, "float8", updated.stream().map(n -> n.totalReward).toArray());
            i = array(connection, statement, i, "bool", updated.stream().map(n -> n.fullyExpanded).toArray());
            i = array(connection, statement, i, "bool", updated.stream().map(n -> n.verdictCorrect).toArray());
            i = array(connection, statement, i, "text", updated.stream().map(n -> n.verdictExtracted).toArray());
            i = array(connection, statement, i, "text", updated.stream().map(n -> n.verdictReason).toArray());

            List<OutboxMessage> outbox = changes.outbox();
            statement.setObject(++i, at);
            i = array(connection, statement, i, "varchar", outbox.stream().map(o -> o.id).toArray());
            i = array(connection, statement, i, "varchar", outbox.stream().map(o -> o.topic).toArray());
            i = array(connection, statement, i, "varchar", outbox.stream().map(o -> o.key).toArray());
            array(connection, statement, i, "text", outbox.stream().map(o -> o.json).toArray());

            boolean written;
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                written = result.getLong(1) == 1;
            }
            if (written) {
                run.treeVersion = changes.expectedVersion() + 1;
                created.forEach(n -> n.createdAt = now);
                outbox.forEach(o -> o.createdAt = now);
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("writing a step of problem run " + run.id + " failed: " + e.getMessage(),
                    e);
        }
    }

    private static int array(Connection connection, PreparedStatement statement, int index, String type,
            Object[] values) throws SQLException {
        statement.setArray(index + 1, connection.createArrayOf(type, values));
        return index + 1;
    }
}
