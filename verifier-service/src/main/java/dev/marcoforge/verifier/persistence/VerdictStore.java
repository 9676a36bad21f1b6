package dev.marcoforge.verifier.persistence;

import dev.marcoforge.contracts.VerifyResult;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code verdicts} table (its schema comes from {@link StoredVerdict}) read and written a batch at a time: one
 * select, one insert and one update per consumed batch, whatever its size, which is what lets the verifier keep
 * thousands of verdicts per second durable.
 */
@ApplicationScoped
public class VerdictStore {

    /** A verdict as stored, and whether its publication was confirmed by the broker. */
    public record Row(String requestId, Boolean correct, String extractedAnswer, String reason, String error,
            boolean published) {
    }

    static final String SELECT = "SELECT request_id, correct, extracted_answer, reason, error, "
            + "published_at IS NOT NULL FROM verdicts WHERE request_id = ANY(?)";
    private static final String INSERT = "INSERT INTO verdicts (request_id, job_id, problem_id, evaluator, correct, "
            + "extracted_answer, reason, error, created_at) "
            + "SELECT r, j, p, e, c, x, re, er, now() FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::boolean[], ?::text[], ?::text[], ?::text[]) AS t(r, j, p, e, c, x, re, er) "
            + "ON CONFLICT (request_id) DO NOTHING RETURNING request_id";
    static final String MARK_PUBLISHED = "UPDATE verdicts SET published_at = now() "
            + "WHERE request_id = ANY(?) AND published_at IS NULL";

    private final AgroalDataSource dataSource;

    public VerdictStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, Row> find(Collection<String> requestIds) {
        Map<String, Row> rows = new HashMap<>();
        if (requestIds.isEmpty()) {
            return rows;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setArray(1, c.createArrayOf("varchar", requestIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Boolean correct = rs.getObject(2) == null ? null : rs.getBoolean(2);
                    rows.put(rs.getString(1), new Row(rs.getString(1), correct, rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreFailure("cannot read verdicts: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts the verdicts whose request id is not stored yet and returns the ids this call inserted; an id
     * another consumer stored first is left as it was.
     */
    public Set<String> insertNew(List<NewVerdict> verdicts) {
        Set<String> inserted = new HashSet<>();
        if (verdicts.isEmpty()) {
            return inserted;
        }
        int n = verdicts.size();
        Object[][] columns = new Object[8][n];
        for (int i = 0; i < n; i++) {
            NewVerdict v = verdicts.get(i);
            VerifyResult r = v.result();
            columns[0][i] = r.requestId();
            columns[1][i] = r.jobId();
            columns[2][i] = r.problemId();
            columns[3][i] = v.evaluator();
            columns[4][i] = r.verdict() == null ? null : r.verdict().correct();
            columns[5][i] = r.verdict() == null ? null : r.verdict().extractedAnswer();
            columns[6][i] = r.verdict() == null ? null : r.verdict().reason();
            columns[7][i] = r.error();
        }
        String[] types = { "varchar", "varchar", "varchar", "varchar", "boolean", "text", "text", "text" };
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (int col = 0; col < 8; col++) {
                Array array = c.createArrayOf(types[col], columns[col]);
                s.setArray(col + 1, array);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new StoreFailure("cannot store verdicts: " + e.getMessage(), e);
        }
    }

    public void markPublished(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MARK_PUBLISHED)) {
            s.setArray(1, c.createArrayOf("varchar", requestIds.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreFailure("cannot mark verdicts published: " + e.getMessage(), e);
        }
    }

    /** The verdict table could not be read or written (the database, not the request, is at fault). */
    public static final class StoreFailure extends RuntimeException {
        StoreFailure(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /** A verdict to store, with the evaluator name the request asked for. */
    public record NewVerdict(VerifyResult result, String evaluator) {
    }

    /** For callers that only need the ids. */
    public static List<String> ids(Collection<NewVerdict> verdicts) {
        List<String> ids = new ArrayList<>();
        verdicts.forEach(v -> ids.add(v.result().requestId()));
        return ids;
    }
}
