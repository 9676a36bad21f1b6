package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.gateway.persistence.ChainRepository;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** A chain as read from its topic, and its JSON text as stored. */
    public record Received(Chain chain, String json) {
    }

    /**
     * Stores the chains not stored yet (a redelivered chain changes nothing; a chain twice in {@code received} is
     * stored once) and appends the correct ones among them to their jobs' SFT files.
     *
     * @return the problems (job id, problem id) that got new chains
     */
    @Transactional
    public Set<List<String>> acceptAll(List<Received> received) {
        Map<String, Received> byId = new LinkedHashMap<>();
        for (Received r : received) {
            if (byId.putIfAbsent(r.chain().chainId(), r) != null) {
                meters.counter("marco.gateway.chains", "outcome", "duplicate").increment();
            }
        }
        List<Received> unique = List.copyOf(byId.values());
        Set<String> stored = chains.insertAllIfAbsent(unique.stream().map(Received::chain).toList(),
                unique.stream().map(Received::json).toList(),
                unique.stream().map(r -> r.chain().verdict().correct()).toList());
        Set<List<String>> problems = new LinkedHashSet<>();
        for (Received r : unique) {
            Chain chain = r.chain();
            if (!stored.contains(chain.chainId())) {
                meters.counter("marco.gateway.chains", "outcome", "duplicate").increment();
                continue;
            }
            boolean becomesSample = chain.verdict().correct();
            meters.counter("marco.gateway.chains", "outcome", becomesSample ? "correct" : "wrong").increment();
            if (becomesSample) {
                appender.append(files.sftFile(chain.jobId()), SftSamples.line(chain));
                meters.counter("marco.gateway.sft.lines").increment();
            }
            problems.add(List.of(chain.jobId(), chain.problemId()));
        }
        return problems;
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
