package dev.marcoforge.gateway.persistence;

import dev.marcoforge.contracts.Chain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/** The chains table. Callers own the transaction. */
@ApplicationScoped
public class ChainRepository {

    private final EntityManager entityManager;

    public ChainRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Stores the chains whose ids are not there yet, in one statement that first takes the lock of each of their
     * problems (see DatasetRepository#lockProblem; in a fixed order, so two gateways cannot deadlock), held until the
     * transaction ends. A plain insert-if-absent rather than find-then-persist: when two consumers store the same
     * chain at once (a rebalance redelivering it), PostgreSQL makes the second insert wait for the first transaction
     * and then do nothing, so exactly one of them reports it stored.
     *
     * @param sftWritten per chain, whether it becomes an SFT sample
     * @return the ids of the chains this call stored
     */
    public Set<String> insertAllIfAbsent(List<Chain> chains, List<String> chainJsons, List<Boolean> sftWritten) {
        Set<String> inserted = new HashSet<>();
        if (chains.isEmpty()) {
            return inserted;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    WITH problem_locks AS (
                      SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT unnest(?::int8[]) AS k ORDER BY k) keys)
                    INSERT INTO chains (chain_id, job_id, problem_id, tree_id, correct, length, chain_json, sft_written,
                                        received_at)
                    SELECT c.*, now()
                    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bool[], ?::int4[], ?::text[],
                                ?::bool[])
                      AS c(chain_id, job_id, problem_id, tree_id, correct, length, chain_json, sft_written)
                    WHERE (SELECT count(*) FROM problem_locks) >= 0
                    ON CONFLICT (chain_id) DO NOTHING
                    RETURNING chain_id
                    """)) {
                insert.setArray(1, connection.createArrayOf("int8", chains.stream()
                        .map(c -> (Object) DatasetRepository.problemLockKey(c.jobId(), c.problemId())).toArray()));
                insert.setArray(2, connection.createArrayOf("varchar", chains.stream().map(Chain::chainId).toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", chains.stream().map(Chain::jobId).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", chains.stream().map(Chain::problemId).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", chains.stream().map(Chain::treeId).toArray()));
                insert.setArray(6, connection.createArrayOf("bool", chains.stream()
                        .map(c -> (Object) c.verdict().correct()).toArray()));
                insert.setArray(7, connection.createArrayOf("int4", chains.stream()
                        .map(c -> (Object) c.length()).toArray()));
                insert.setArray(8, connection.createArrayOf("text", chainJsons.toArray()));
                insert.setArray(9, connection.createArrayOf("bool", sftWritten.toArray()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
            }
        });
        return inserted;
    }

    public JobCounts countsOf(String jobId) {
        Object[] row = (Object[]) entityManager.createQuery("""
                SELECT COUNT(c), COALESCE(SUM(CASE WHEN c.correct THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.sftWritten THEN 1 ELSE 0 END), 0)
                FROM StoredChain c WHERE c.jobId = :jobId
                """).setParameter("jobId", jobId).getSingleResult();
        return new JobCounts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue());
    }

    /** What the table knows about one job's chains. */
    public record JobCounts(long chainsReceived, long correctChains, long sftRecords) {
    }
}
