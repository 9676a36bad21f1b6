package dev.marcoforge.gateway.keys;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One gateway replica's use of one limited key, as that replica last wrote it: counters since the replica started
 * and its calls in flight. The other replicas read the rows to hold the key's limits across all of them; the table
 * is written with plain SQL by {@link KeyUsageStore} (this entity only declares it).
 */
@Entity
@Table(name = "key_usage", indexes = @Index(name = "key_usage_updated", columnList = "updated_at"))
public class KeyUsageRecord extends PanacheEntityBase {

    /** {@code <replica id>/<key id>}. */
    @Id
    @Column(length = 80)
    public String id;

    @Column(name = "key_id", nullable = false, length = 32)
    public String keyId;

    @Column(name = "replica_id", nullable = false, length = 40)
    public String replicaId;

    /** Calls admitted by the replica since it started. */
    @Column(nullable = false)
    public long requests;

    /** Tokens charged by the replica since it started. */
    @Column(nullable = false)
    public long tokens;

    @Column(name = "in_flight", nullable = false)
    public int inFlight;

    /** The replica's request allowance left at the time of writing (a new replica starts from it). */
    @Column(name = "requests_level")
    public Double requestsLevel;

    @Column(name = "tokens_level")
    public Double tokensLevel;

    /** The database's clock, so replicas with skewed clocks agree on who is fresh. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
