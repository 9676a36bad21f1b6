package dev.marcoforge.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The search result of each problem: its arrival is what makes the problem's chains part of the data sets. Keyed by
 * job and problem, so a redelivered result is recognised.
 */
@Entity
@Table(name = "search_results", indexes = @Index(name = "search_results_job_id", columnList = "job_id"))
public class StoredSearchResult extends PanacheEntityBase {

    /** {@code <jobId>/<problemId>}; job ids hold no '/', so the key is unambiguous. */
    @Id
    @Column(name = "result_key", length = 710)
    public String resultKey;

    @Column(name = "job_id", nullable = false, length = 200)
    public String jobId;

    @Column(name = "problem_id", nullable = false, length = 500)
    public String problemId;

    @Column(name = "result_json", nullable = false, columnDefinition = "text")
    public String resultJson;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
