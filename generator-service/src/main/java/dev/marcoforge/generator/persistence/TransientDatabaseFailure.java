package dev.marcoforge.generator.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failure came from the database connection rather than from what was asked of it, so the same work may
 * succeed when tried again: a connection that broke or was refused (SQLSTATE class 08), a server shutting down,
 * restarting or out of connection slots (57P01-57P03, 53300), a serialization failure or deadlock (40001, 40P01).
 * PostgreSQL restarts and fail-overs, and backends ended by an administrator, fail with these; the pool drops such a
 * connection, so a new attempt gets a fresh one.
 */
public final class TransientDatabaseFailure {

    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    private TransientDatabaseFailure() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
