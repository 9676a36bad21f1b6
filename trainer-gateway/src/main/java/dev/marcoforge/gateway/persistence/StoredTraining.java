package dev.marcoforge.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A training job: what was asked, how far it got, and the checkpoint it made. */
@Entity
@Table(name = "trainings")
public class StoredTraining extends PanacheEntityBase {

    @Id
    @Column(name = "training_id", length = 64)
    public String trainingId;

    /** The name the trained model is served under. */
    @Column(name = "model_name", nullable = false, length = 100)
    public String modelName;

    @Column(nullable = false, length = 8)
    public String method;

    /** QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED. */
    @Column(nullable = false, length = 12)
    public String status;

    /** The request as given (inline records left out), for the record and for a resubmission after a restart. */
    @Column(name = "request_json", nullable = false, columnDefinition = "text")
    public String requestJson;

    /** Progress and the latest step's metrics, as JSON. */
    @Column(name = "progress_json", columnDefinition = "text")
    public String progressJson;

    @Column(columnDefinition = "text")
    public String checkpoint;

    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
