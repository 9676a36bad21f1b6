package dev.marcoforge.generator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A batch of problems searched with one config. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";

    @Id
    @Column(name = "id", length = 200)
    public String id;

    @Column(name = "name", length = 500)
    public String name;

    /** The effective config (job URL overrides applied) in the Marco-o1 JSON format. */
    @Column(name = "config_json", nullable = false, columnDefinition = "text")
    public String configJson;

    @Column(name = "status", nullable = false, length = 20)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Set while a model server this job needs is down: the server and the failure; the job waits for it. */
    @Column(name = "paused_reason", columnDefinition = "text")
    public String pausedReason;

    /** The status shown to users: PAUSED while a server the job needs is down. */
    public String shownStatus() {
        return RUNNING.equals(status) && pausedReason != null ? "PAUSED" : status;
    }
}
