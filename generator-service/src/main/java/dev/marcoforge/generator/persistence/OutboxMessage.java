package dev.marcoforge.generator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A chain or search result written in the same transaction as the search step that produced it, and deleted once
 * the broker acknowledged it. A crash between the commit and the send leaves the row, and the start-up resume sends
 * it again (consumers deduplicate by chain id and problem id).
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @Column(name = "id", length = 64)
    public String id;

    @Column(name = "topic", nullable = false, length = 200)
    public String topic;

    @Column(name = "msg_key", nullable = false, length = 500)
    public String key;

    @Column(name = "json", nullable = false, columnDefinition = "text")
    public String json;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
