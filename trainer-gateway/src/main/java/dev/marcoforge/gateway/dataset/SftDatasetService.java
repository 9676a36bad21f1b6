package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.gateway.persistence.ChainRepository;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps every chain and appends each correct one to its job's running SFT file ({@code sft/<jobId>.jsonl}, every
 * correct chain as it arrives). The selected, filtered data sets and the records on the topics come from
 * {@link DatasetService}.
 *
 * <p>The file line is written inside the transaction that stores the chain. A chain that was committed is never
 * written again, so redelivery after a commit adds nothing; a failure before the commit rolls the row back and the
 * redelivered chain is written once more. The file is thus at least once, and exactly once unless the process dies
 * between writing and committing.
 */
@ApplicationScoped
public class SftDatasetService {

    private final ChainRepository chains;
    private final DatasetFiles files;
    private final JsonlAppender appender;
    private final MeterRegistry meters;

    public SftDatasetService(ChainRepository chains, DatasetFiles files, JsonlAppender appender,
            MeterRegistry meters) {
        this.chains = chains;
        this.files = files;
        this.appender = appender;
        this.meters = meters;
    }

    /** @return whether the chain was new (a redelivered chain changes nothing) */
    @Transactional
    public boolean accept(Chain chain, String chainJson) {
        Path file = files.sftFile(chain.jobId());
        boolean becomesSample = chain.verdict().correct();
        if (!chains.insertIfAbsent(chain, chainJson, becomesSample)) {
            meters.counter("marco.gateway.chains", "outcome", "duplicate").increment();
            return false;
        }
        meters.counter("marco.gateway.chains", "outcome", becomesSample ? "correct" : "wrong").increment();
        if (becomesSample) {
            appender.append(file, SftSamples.line(chain));
            meters.counter("marco.gateway.sft.lines").increment();
        }
        return true;
    }

    @Transactional
    public Optional<SftStats> stats(String jobId) {
        Path file = files.sftFile(jobId);
        var counts = chains.countsOf(jobId);
        if (counts.chainsReceived() == 0 && !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(new SftStats(jobId, counts.sftRecords(), counts.chainsReceived(), counts.correctChains(),
                Files.exists(file) ? file.toString() : null));
    }

    /** The job's SFT file, when it has one. */
    public Optional<Path> sftFile(String jobId) {
        Path file = files.sftFile(jobId);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** How far a job's SFT data set has grown. {@code file} is null until the first correct chain. */
    public record SftStats(String jobId, long records, long chainsReceived, long correctChains, String file) {
    }
}
