package dev.marcoforge.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A data set that was built: what was asked for and its stats. Its files live under the output folder. */
@Entity
@Table(name = "datasets")
public class StoredDataset extends PanacheEntityBase {

    @Id
    @Column(name = "dataset_id", length = 100)
    public String datasetId;

    /** The canonical request (jobs and resolved options), from which the id derives. */
    @Column(name = "request_json", nullable = false, columnDefinition = "text")
    public String requestJson;

    @Column(name = "stats_json", nullable = false, columnDefinition = "text")
    public String statsJson;

    @Column(name = "built_at", nullable = false)
    public Instant builtAt;
}
