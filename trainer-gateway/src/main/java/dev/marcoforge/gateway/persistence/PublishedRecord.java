package dev.marcoforge.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Every record sent to {@code marco.datasets.sft} or {@code marco.datasets.dpo}, by its stable id, so a redelivered
 * search result or a rebuild sends nothing twice.
 */
@Entity
@Table(name = "published_records")
public class PublishedRecord extends PanacheEntityBase {

    @Id
    @Column(name = "record_id", length = 100)
    public String recordId;

    @Column(name = "dataset_id", nullable = false, length = 100)
    public String datasetId;

    @Column(name = "kind", nullable = false, length = 10)
    public String kind;

    @Column(name = "problem_id", nullable = false, length = 500)
    public String problemId;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
