package dev.marcoforge.verifier.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The verdict lookups keep using the primary key when the table grows on a server that never analyzes it
 * (autovacuum off): PostgreSQL would otherwise keep the sequential-scan plan it cached while the table was empty.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_verifier_test"))
class VerdictPlansIT {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void lookupsPreparedOnAnEmptyTableUseTheIndexOnceItHoldsThousandsOfVerdicts() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // A temporary table of the same name comes first on the search path: the store's own statements, on a
            // table this test can empty and fill.
            s.execute("CREATE TEMP TABLE verdicts (LIKE public.verdicts INCLUDING ALL)");
            try {
                s.execute("PREPARE find_verdicts(varchar[]) AS " + VerdictStore.SELECT.replace("?", "$1"));
                s.execute("PREPARE mark_published(varchar[]) AS " + VerdictStore.MARK_PUBLISHED.replace("?", "$1"));
                for (int i = 0; i < 10; i++) {
                    s.execute("EXECUTE find_verdicts('{r1}')");
                    s.execute("EXECUTE mark_published('{r1}')");
                }
                s.execute("INSERT INTO verdicts (request_id, job_id, problem_id, evaluator, created_at)"
                        + " SELECT 'r' || g, 'job', 'problem', 'count_latter', now() FROM generate_series(1, 30000) g");

                assertThat(plan(s, "find_verdicts")).contains("verdicts_pkey").doesNotContain("Seq Scan");
                assertThat(plan(s, "mark_published")).contains("verdicts_pkey").doesNotContain("Seq Scan");
            } finally {
                s.execute("DEALLOCATE ALL");
                s.execute("DROP TABLE pg_temp.verdicts");
            }
        }
    }

    private static String plan(Statement s, String prepared) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE " + prepared + "('{r7,r99}')")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
