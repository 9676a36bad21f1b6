package dev.marcoforge.gateway.keys;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An API key as stored: never the key itself, only a salted SHA-256 of its secret part, so a copy of the table
 * opens no door. The id is the key's public part, which makes the lookup one primary-key read.
 */
@Entity
@Table(name = "api_keys")
public class ApiKeyRecord extends PanacheEntityBase {

    @Id
    @Column(name = "key_id", length = 32)
    public String id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 64)
    public String salt;

    @Column(name = "secret_hash", nullable = false, length = 64)
    public String secretHash;

    /** Comma-separated model names; empty means every served model. */
    @Column(nullable = false, length = 2000)
    public String models;

    @Column(name = "requests_per_minute")
    public Integer requestsPerMinute;

    @Column(name = "tokens_per_minute")
    public Integer tokensPerMinute;

    @Column(name = "max_concurrent")
    public Integer maxConcurrent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
