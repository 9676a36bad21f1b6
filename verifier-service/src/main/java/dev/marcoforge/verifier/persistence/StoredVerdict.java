package dev.marcoforge.verifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A verdict as it was first given, keyed by the request id, so a redelivered request is answered the same way. */
@Entity
@Table(name = "verdicts")
public class StoredVerdict extends PanacheEntityBase {

    @Id
    @Column(name = "request_id", length = 200)
    public String requestId;

    @Column(name = "job_id", nullable = false, length = 200)
    public String jobId;

    @Column(name = "problem_id", nullable = false, length = 500)
    public String problemId;

    @Column(name = "evaluator", nullable = false, length = 100)
    public String evaluator;

    @Column(name = "correct")
    public Boolean correct;

    @Column(name = "extracted_answer", columnDefinition = "text")
    public String extractedAnswer;

    @Column(name = "reason", columnDefinition = "text")
    public String reason;

    @Column(name = "error", columnDefinition = "text")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged the published verdict; null until then. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
