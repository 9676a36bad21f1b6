package dev.marcoforge.generator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class TransientDatabaseFailureTests {

    @Test
    void brokenOrRefusedConnectionsAndServerShutdownsAreTransientWhereverTheyAreWrapped() {
        var ioError = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);
        assertThat(TransientDatabaseFailure.isTransient(new IllegalStateException("writing a step failed",
                new RuntimeException(ioError)))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("terminating connection due to"
                + " administrator command", "57P01"))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("the database system is starting up",
                "57P03"))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new SQLTransientConnectionException("acquisition timeout")))
                .isTrue();
    }

    @Test
    void faultsOfTheWorkItselfAreNot() {
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new SQLException("no state"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new IllegalArgumentException("bad config"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new IllegalStateException("outer",
                new SQLException("syntax error", "42601")))).isFalse();
    }
}
