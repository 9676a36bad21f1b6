package dev.marcoforge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives a service's tests a database of their own on the real PostgreSQL server, created when missing. The database
 * name comes from the resource's {@code database} init argument.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String database = "marco_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
    }

    @Override
    public Map<String, String> start() {
        String host = env("MARCO_TEST_PG_HOST", "127.0.0.1");
        String port = env("MARCO_TEST_PG_PORT", "5432");
        String user = env("MARCO_TEST_PG_USER", "postgres");
        String password = env("MARCO_TEST_PG_PASSWORD", "");
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (var connection = DriverManager.getConnection(admin, user, password);
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port + " as " + user
                    + " (run ./marco test, which starts it): " + e.getMessage(), e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");
    }

    @Override
    public void stop() {
    }

    /**
     * Ends every connection to the running service's database except the one this opens to do it, as a PostgreSQL
     * restart or fail-over would: the service's pooled connections are broken when it next uses them. Returns how
     * many were ended.
     */
    public static int endServiceConnections() throws SQLException {
        var config = ConfigProvider.getConfig();
        try (var connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                var statement = connection.createStatement();
                var ended = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
