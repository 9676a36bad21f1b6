package dev.marcoforge.gateway.keys;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The replicas' use of the limited keys in PostgreSQL ({@code key_usage}): one upsert batch and one read per sync
 * round, whatever the traffic, so holding the limits across replicas costs no database call per request.
 */
@ApplicationScoped
public class KeyUsageStore {

    /** One replica's use of one key. A level is null when the key has no such limit. */
    public record Usage(String keyId, String replicaId, long requests, long tokens, int inFlight,
            Double requestsLevel, Double tokensLevel, double ageSeconds) {
    }

    private static final String UPSERT = """
            INSERT INTO key_usage (id, key_id, replica_id, requests, tokens, in_flight, requests_level, tokens_level,
                                   updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (id) DO UPDATE SET requests = EXCLUDED.requests, tokens = EXCLUDED.tokens,
                in_flight = EXCLUDED.in_flight, requests_level = EXCLUDED.requests_level,
                tokens_level = EXCLUDED.tokens_level, updated_at = now()""";

    private static final String OTHERS = """
            SELECT key_id, replica_id, requests, tokens, in_flight, requests_level, tokens_level,
                   EXTRACT(EPOCH FROM (now() - updated_at))
            FROM key_usage WHERE replica_id <> ? AND updated_at > now() - make_interval(secs => ?)""";

    private final DataSource dataSource;

    public KeyUsageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes this replica's use of each key (one batch, one commit). */
    public void publish(Collection<Usage> usages) throws SQLException {
        if (usages.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Usage usage : usages) {
                upsert.setString(1, usage.replicaId() + "/" + usage.keyId());
                upsert.setString(2, usage.keyId());
                upsert.setString(3, usage.replicaId());
                upsert.setLong(4, usage.requests());
                upsert.setLong(5, usage.tokens());
                upsert.setInt(6, usage.inFlight());
                setDouble(upsert, 7, usage.requestsLevel());
                setDouble(upsert, 8, usage.tokensLevel());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The other replicas' rows written within {@code fresh}. */
    public List<Usage> others(String replicaId, Duration fresh) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(OTHERS)) {
            select.setString(1, replicaId);
            select.setDouble(2, fresh.toMillis() / 1000.0);
            List<Usage> usages = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    usages.add(new Usage(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getInt(5), getDouble(rows, 6), getDouble(rows, 7), rows.getDouble(8)));
                }
            }
            return usages;
        }
    }

    /** Drops the rows of replicas gone for longer than {@code age}. */
    public int dropOlderThan(Duration age) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM key_usage WHERE updated_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, age.toMillis() / 1000.0);
            return delete.executeUpdate();
        }
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rows, int index) throws SQLException {
        double value = rows.getDouble(index);
        return rows.wasNull() ? null : value;
    }
}
