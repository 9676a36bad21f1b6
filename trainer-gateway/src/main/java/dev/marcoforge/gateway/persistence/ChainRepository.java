package dev.marcoforge.gateway.persistence;

import dev.marcoforge.contracts.Chain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;

/** The chains table. Callers own the transaction. */
@ApplicationScoped
public class ChainRepository {

    private final EntityManager entityManager;

    public ChainRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Stores the chain unless its id is already there. A plain insert-if-absent in SQL rather than find-then-persist:
     * when two consumers handle the same chain at once (a rebalance redelivering it), PostgreSQL makes the second
     * insert wait for the first transaction and then do nothing, so exactly one of them sees {@code true}. The same
     * statement first takes the problem's lock (see DatasetRepository#lockProblem), held until the transaction ends.
     *
     * @return whether this call stored the chain
     */
    public boolean insertIfAbsent(Chain chain, String chainJson, boolean sftWritten) {
        int inserted = entityManager.createNativeQuery("""
                WITH problem_lock AS (SELECT pg_advisory_xact_lock(:lockKey))
                INSERT INTO chains (chain_id, job_id, problem_id, tree_id, correct, length, chain_json, sft_written,
                                    received_at)
                SELECT :chainId, :jobId, :problemId, :treeId, :correct, :length, :chainJson, :sftWritten, :receivedAt
                FROM problem_lock
                ON CONFLICT (chain_id) DO NOTHING
                """)
                .setParameter("lockKey", DatasetRepository.problemLockKey(chain.jobId(), chain.problemId()))
                .setParameter("chainId", chain.chainId())
                .setParameter("jobId", chain.jobId())
                .setParameter("problemId", chain.problemId())
                .setParameter("treeId", chain.treeId())
                .setParameter("correct", chain.verdict().correct())
                .setParameter("length", chain.length())
                .setParameter("chainJson", chainJson)
                .setParameter("sftWritten", sftWritten)
                .setParameter("receivedAt", Timestamp.from(Instant.now()))
                .executeUpdate();
        return inserted == 1;
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
