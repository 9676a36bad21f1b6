package dev.marcoforge.gateway.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Every chain the gateway received, as it arrived, so data sets can be rebuilt (with other filters, say) without
 * searching again. The chain id is the key, which makes a redelivered chain recognisable. The index is by job and
 * problem: a problem's records are built from its own chains, and a job holds hundreds of them.
 */
@Entity
@Table(name = "chains", indexes = @Index(name = "chains_job_problem", columnList = "job_id, problem_id"))
public class StoredChain extends PanacheEntityBase {

    @Id
    @Column(name = "chain_id", length = 200)
    public String chainId;

    @Column(name = "job_id", nullable = false, length = 200)
    public String jobId;

    @Column(name = "problem_id", nullable = false, length = 500)
    public String problemId;

    @Column(name = "tree_id", nullable = false, length = 200)
    public String treeId;

    @Column(name = "correct", nullable = false)
    public boolean correct;

    @Column(name = "length", nullable = false)
    public int length;

    /** The message exactly as received, so fields newer than this build survive a rebuild. */
    @Column(name = "chain_json", nullable = false, columnDefinition = "text")
    public String chainJson;

    /** Whether the chain became a line of the job's SFT file. */
    @Column(name = "sft_written", nullable = false)
    public boolean sftWritten;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
