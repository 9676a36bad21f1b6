package dev.marcoforge.gateway.persistence;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The search results, built data sets and published record ids. Inserts are insert-if-absent in SQL, so two
 * consumers handling the same message at once leave one row and exactly one of them sees it as new. Callers own the
 * transaction.
 */
@ApplicationScoped
public class DatasetRepository {

    private final EntityManager entityManager;

    public DatasetRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public static String resultKey(String jobId, String problemId) {
        return jobId + "/" + problemId;
    }

    /**
     * Serialises, until the transaction ends, the work on one problem's records: a chain that commits while its
     * problem's search result is being handled is then seen either by the result's build or by the chain's check.
     */
    public void lockProblem(String jobId, String problemId) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(:key)")
                .setParameter("key", problemLockKey(jobId, problemId)).getSingleResult();
    }

    /** The advisory lock of {@link #lockProblem}, for statements that take it themselves. */
    public static long problemLockKey(String jobId, String problemId) {
        return java.util.UUID.nameUUIDFromBytes(resultKey(jobId, problemId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /** @return whether this call stored the result */
    public boolean insertSearchResultIfAbsent(SearchResult result, String json) {
        return entityManager.createNativeQuery("""
                INSERT INTO search_results (result_key, job_id, problem_id, result_json, received_at)
                VALUES (:key, :jobId, :problemId, :json, :receivedAt)
                ON CONFLICT (result_key) DO NOTHING
                """)
                .setParameter("key", resultKey(result.jobId(), result.problemId()))
                .setParameter("jobId", result.jobId())
                .setParameter("problemId", result.problemId())
                .setParameter("json", json)
                .setParameter("receivedAt", Timestamp.from(Instant.now()))
                .executeUpdate() == 1;
    }

    /**
     * Whether the problem's search result is stored and every chain it announces (its rollouts, one chain each) is
     * stored too, read in one statement.
     */
    public boolean allChainsStored(String jobId, String problemId) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                SELECT (SELECT result_json FROM search_results WHERE result_key = :key),
                       (SELECT count(*) FROM chains WHERE job_id = :jobId AND problem_id = :problemId)
                """).setParameter("key", resultKey(jobId, problemId)).setParameter("jobId", jobId)
                .setParameter("problemId", problemId).getSingleResult();
        return row[0] != null
                && ((Number) row[1]).longValue() >= MessageCodec.decode((String) row[0], SearchResult.class).rollouts();
    }

    public long searchResultCount(String jobId) {
        return entityManager.createQuery("SELECT COUNT(r) FROM StoredSearchResult r WHERE r.jobId = :jobId",
                Long.class).setParameter("jobId", jobId).getSingleResult();
    }

    /**
     * The stored chains of the jobs' problems whose search result has arrived, as received, in a fixed order.
     */
    public List<String> finishedChainJsons(List<String> jobIds) {
        return entityManager.createQuery("""
                SELECT c.chainJson FROM StoredChain c
                WHERE c.jobId IN :jobIds
                  AND EXISTS (SELECT 1 FROM StoredSearchResult r WHERE r.jobId = c.jobId AND r.problemId = c.problemId)
                ORDER BY c.jobId, c.problemId, c.chainId
                """, String.class).setParameter("jobIds", jobIds).getResultList();
    }

    public List<String> chainJsonsOfProblem(String jobId, String problemId) {
        return entityManager.createQuery("""
                SELECT c.chainJson FROM StoredChain c WHERE c.jobId = :jobId AND c.problemId = :problemId
                ORDER BY c.chainId
                """, String.class).setParameter("jobId", jobId).setParameter("problemId", problemId)
                .getResultList();
    }

    /** The jobs among {@code jobIds} of which no chain is stored. */
    public List<String> unknownJobs(List<String> jobIds) {
        List<String> known = entityManager.createQuery(
                "SELECT DISTINCT c.jobId FROM StoredChain c WHERE c.jobId IN :jobIds", String.class)
                .setParameter("jobIds", jobIds).getResultList();
        return jobIds.stream().filter(j -> !known.contains(j)).toList();
    }

    /** @return whether this call recorded the id, i.e. whether the record is to be sent now */
    public boolean markPublished(String recordId, String datasetId, String kind, String problemId) {
        return entityManager.createNativeQuery("""
                INSERT INTO published_records (record_id, dataset_id, kind, problem_id, published_at)
                VALUES (:recordId, :datasetId, :kind, :problemId, :at)
                ON CONFLICT (record_id) DO NOTHING
                """)
                .setParameter("recordId", recordId)
                .setParameter("datasetId", datasetId)
                .setParameter("kind", kind)
                .setParameter("problemId", problemId)
                .setParameter("at", Timestamp.from(Instant.now()))
                .executeUpdate() == 1;
    }

    public void saveDataset(String datasetId, String requestJson, String statsJson) {
        entityManager.createNativeQuery("""
                INSERT INTO datasets (dataset_id, request_json, stats_json, built_at)
                VALUES (:id, :request, :stats, :at)
                ON CONFLICT (dataset_id) DO UPDATE SET stats_json = EXCLUDED.stats_json, built_at = EXCLUDED.built_at
                """)
                .setParameter("id", datasetId)
                .setParameter("request", requestJson)
                .setParameter("stats", statsJson)
                .setParameter("at", Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    public Optional<StoredDataset> dataset(String datasetId) {
        return Optional.ofNullable(entityManager.find(StoredDataset.class, datasetId));
    }
}
