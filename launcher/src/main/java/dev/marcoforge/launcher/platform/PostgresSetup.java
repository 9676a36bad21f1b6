package dev.marcoforge.launcher.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Creates the platform's role and the services' databases on the PostgreSQL server when they are missing. It connects
 * as an administrator (MARCO_PG_ADMIN_USER, default {@code postgres}; MARCO_PG_ADMIN_PASSWORD) the way a local
 * trust-auth cluster allows.
 */
public final class PostgresSetup {

    public static final String ROLE = "marco";
    public static final String PASSWORD = "marco";

    private final int port;

    public PostgresSetup(int port) {
        this.port = port;
    }

    public void ensure(List<String> databases) {
        String admin = env("MARCO_PG_ADMIN_USER", "postgres");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, admin, env("MARCO_PG_ADMIN_PASSWORD", ""))) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                execute(connection, "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("database name must be a plain identifier: " + database);
                }
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    execute(connection, "CREATE DATABASE " + database + " OWNER " + ROLE);
                }
            }
            warnIfAutovacuumIsOff(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL at 127.0.0.1:" + port + " as '" + admin
                    + "': " + e.getMessage() + " (set MARCO_PG_ADMIN_USER / MARCO_PG_ADMIN_PASSWORD for a server"
                    + " that needs a password)", e);
        }
    }

    /**
     * The services update their rows constantly (search nodes, problem runs, outbox, verdicts): without autovacuum
     * dead rows pile up and the planner never learns the tables' sizes, so the platform slows down the longer it runs.
     */
    private void warnIfAutovacuumIsOff(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery("SHOW autovacuum")) {
            if (rs.next() && "off".equals(rs.getString(1))) {
                System.err.println("marco: warning: autovacuum is off on PostgreSQL at 127.0.0.1:" + port + "; the"
                        + " services' tables collect dead rows and stale statistics and slow down over time. Turn it"
                        + " on (autovacuum = on) or run VACUUM ANALYZE on the marco databases regularly.");
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
