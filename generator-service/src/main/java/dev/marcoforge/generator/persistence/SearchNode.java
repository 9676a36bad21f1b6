package dev.marcoforge.generator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import dev.marcoforge.contracts.TokenConfidence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A node of a search tree. {@code originId} names the request that produced the node (the step's parent and action,
 * or the critic request); it is unique, so a replayed step cannot add the same node twice.
 */
@Entity
@Table(name = "search_nodes", indexes = {
        @Index(name = "ix_search_nodes_run", columnList = "problem_run_id"),
        @Index(name = "ux_search_nodes_origin", columnList = "origin_id", unique = true) })
public class SearchNode extends PanacheEntityBase {

    @Id
    @Column(name = "id", length = 64)
    public String id;

    @Column(name = "tree_id", nullable = false, length = 64)
    public String treeId;

    @Column(name = "problem_run_id", nullable = false, length = 64)
    public String problemRunId;

    @Column(name = "parent_id", length = 64)
    public String parentId;

    /** Creation order within the tree; children list in this order. */
    @Column(name = "ordinal", nullable = false)
    public int ordinal;

    @Column(name = "action", nullable = false, length = 200)
    public String action;

    @Column(name = "text", nullable = false, columnDefinition = "text")
    public String text;

    @Column(name = "model_role", nullable = false, length = 20)
    public String modelRole;

    /** The open tag, e.g. {@code <thinking>}; null for the root. */
    @Column(name = "tag", length = 200)
    public String tag;

    @Column(name = "depth", nullable = false)
    public int depth;

    @Column(name = "visits", nullable = false)
    public int visits;

    @Column(name = "total_reward", nullable = false)
    public double totalReward;

    @Column(name = "origin_id", length = 300)
    public String originId;

    @Column(name = "verdict_correct")
    public Boolean verdictCorrect;

    @Column(name = "verdict_extracted", columnDefinition = "text")
    public String verdictExtracted;

    @Column(name = "verdict_reason", columnDefinition = "text")
    public String verdictReason;

    /** Whether the node's next_step children were all written; until then a rollout reaching it expands it. */
    @Column(name = "fully_expanded", columnDefinition = "boolean not null default false")
    public boolean fullyExpanded;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The node's token confidences summed (see TokenConfidence); 0 over 0 tokens when not asked for or fixed text. */
    @Column(name = "confidence_sum", columnDefinition = "double precision not null default 0")
    public double confidenceSum;

    @Column(name = "confidence_tokens", columnDefinition = "integer not null default 0")
    public int confidenceTokens;

    public boolean hasVerdict() {
        return verdictCorrect != null;
    }

    public TokenConfidence confidence() {
        return new TokenConfidence(confidenceSum, confidenceTokens);
    }
}
