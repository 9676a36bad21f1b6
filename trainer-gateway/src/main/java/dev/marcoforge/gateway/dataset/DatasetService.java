package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.contracts.SftRecord;
import dev.marcoforge.gateway.config.DatasetConfig;
import dev.marcoforge.gateway.persistence.ChainRepository;
import dev.marcoforge.gateway.persistence.DatasetRepository;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Data sets from stored chains.
 *
 * <p>Streaming: when a problem's search result arrives, its records of the job's default data set (default options,
 * the id {@code POST /api/datasets} gives for that job alone) are built and sent to {@code marco.datasets.sft} and
 * {@code marco.datasets.dpo}. The topics and the search results are separate topics, so a chain can arrive after its
 * problem's result; the problem is then built again and only records with ids not sent before go out. Each record id
 * is sent once, recorded in the transaction that sends it.
 *
 * <p>On request: {@link #build} makes a data set of whole jobs with any options from the stored chains of the problems
 * whose search result arrived, writes its files and stats, and (when asked) sends its records not sent before.
 */
@ApplicationScoped
public class DatasetService {

    private final DatasetRepository repository;
    private final ChainRepository chains;
    private final DatasetFiles files;
    private final DatasetConfig config;
    private final SftRecordPublisher sftPublisher;
    private final DpoRecordPublisher dpoPublisher;
    private final AnnotationVerdicts annotations;
    private final MeterRegistry meters;
    private volatile HuggingFaceTokenCounter huggingFace;

    public DatasetService(DatasetRepository repository, ChainRepository chains, DatasetFiles files,
            DatasetConfig config, SftRecordPublisher sftPublisher, DpoRecordPublisher dpoPublisher,
            AnnotationVerdicts annotations, MeterRegistry meters) {
        this.repository = repository;
        this.chains = chains;
        this.files = files;
        this.config = config;
        this.sftPublisher = sftPublisher;
        this.dpoPublisher = dpoPublisher;
        this.annotations = annotations;
        this.meters = meters;
    }

    /** What {@code POST /api/datasets} takes. {@code publish} (default true) sends the records to the topics. */
    public record Request(List<String> jobs, DatasetOptions options, Boolean publish) {
    }

    /** A built data set: its id, its stats and the files that can be downloaded. */
    public record Built(String id, DatasetStats stats, List<String> files, int sftPublished, int dpoPublished) {
    }

    /**
     * Stores a problem's search result, and builds the problem's records once every chain its search published
     * (one per rollout) is stored too. Chains travel on their own topic and often arrive after the result; the last
     * of them builds the records then (see {@link #onChainsStored}), so each problem is built once, from all its
     * chains, instead of once per late chain.
     */
    @Transactional
    public void onSearchResult(SearchResult result, String json) {
        repository.lockProblem(result.jobId(), result.problemId());
        boolean fresh = repository.insertSearchResultIfAbsent(result, json);
        meters.counter("marco.gateway.search.results", "outcome", fresh ? "new" : "duplicate").increment();
        if (repository.allChainsStored(result.jobId(), result.problemId())) {
            publishProblem(result.jobId(), result.problemId());
        }
    }

    /**
     * Chains of {@code problems} (job id, problem id) were stored, which took the problems' locks (see
     * ChainRepository#insertAllIfAbsent); each problem whose search result came first and whose chains are now all
     * stored is built.
     */
    @Transactional
    public void onChainsStored(Set<List<String>> problems) {
        for (List<String> problem : problems) {
            if (repository.allChainsStored(problem.get(0), problem.get(1))) {
                publishProblem(problem.get(0), problem.get(1));
            }
        }
    }

    /** The id of a job's default data set, the one streamed to the topics. */
    public String defaultDatasetId(String jobId) {
        return RecordIds.dataset(canonical(List.of(jobId), defaultOptions()));
    }

    @Transactional
    public Built build(Request request) {
        List<String> problems = new ArrayList<>();
        List<String> jobs = request == null || request.jobs() == null ? List.of()
                : List.copyOf(new TreeSet<>(request.jobs().stream().map(j -> j == null ? "" : j).toList()));
        if (jobs.isEmpty()) {
            problems.add("jobs: name at least one job");
        }
        for (String job : jobs) {
            try {
                DatasetFiles.requireSafeJobId(job);
            } catch (IllegalArgumentException e) {
                problems.add("jobs: " + e.getMessage());
            }
        }
        DatasetOptions options = null;
        try {
            options = DatasetOptions.resolve(request == null ? null : request.options(), config.tokenizer());
            if ("huggingface".equals(options.tokenizer()) && config.tokenizerFile().isEmpty()) {
                problems.add("tokenizer huggingface needs marco.gateway.datasets.tokenizer-file (a local"
                        + " tokenizer.json) in the gateway's configuration");
            }
        } catch (DatasetOptions.InvalidOptionsException e) {
            problems.addAll(e.problems());
        }
        if (problems.isEmpty()) {
            repository.unknownJobs(jobs).forEach(j -> problems.add("jobs: no chain of job '" + j + "' has arrived"));
        }
        if (!problems.isEmpty()) {
            throw new DatasetOptions.InvalidOptionsException(problems);
        }
        String canonical = canonical(jobs, options);
        String id = RecordIds.dataset(canonical);
        DatasetBuilder.Built built = builder(id, jobs, options).build(decode(repository.finishedChainJsons(jobs)));
        Map<String, byte[]> rendered = DatasetFormats.render(built);
        write(id, rendered);
        repository.saveDataset(id, canonical, new String(rendered.get(DatasetFormats.STATS),
                java.nio.charset.StandardCharsets.UTF_8));
        int[] published = request.publish() == null || request.publish() ? publishNew(built) : new int[] { 0, 0 };
        meters.counter("marco.gateway.datasets.built").increment();
        return new Built(id, built.stats(), List.copyOf(rendered.keySet()), published[0], published[1]);
    }

    /**
     * A built data set's records, rebuilt from the stored chains (a build is deterministic, so they are the records
     * of its files), with the chains they came from; empty when no such data set was built.
     */
    @Transactional
    public Optional<Rebuilt> rebuild(String datasetId) {
        return repository.dataset(datasetId).map(stored -> {
            try {
                var canonical = MessageCodec.mapper().readTree(stored.requestJson);
                List<String> jobs = new ArrayList<>();
                canonical.path("jobs").forEach(j -> jobs.add(j.asText()));
                DatasetOptions options = MessageCodec.mapper().treeToValue(canonical.path("options"),
                        DatasetOptions.class);
                List<Chain> chainsOfJobs = decode(repository.finishedChainJsons(jobs));
                return new Rebuilt(builder(datasetId, jobs, options).build(chainsOfJobs), chainsOfJobs);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the stored request of data set " + datasetId + " is unreadable: "
                        + e.getMessage(), e);
            }
        });
    }

    /** A data set's records and the chains behind them. */
    public record Rebuilt(DatasetBuilder.Built built, List<Chain> chains) {
    }

    @Transactional
    public Optional<String> statsJson(String datasetId) {
        return repository.dataset(datasetId).map(d -> d.statsJson);
    }

    /** A file of a built data set, by its path inside the data set (one of {@link DatasetFormats#FILES}). */
    public Optional<Path> file(String datasetId, String name) {
        if (!DatasetFormats.FILES.contains(name) || !DatasetFiles.isSafeDatasetId(datasetId)) {
            return Optional.empty();
        }
        Path file = files.datasetDir(datasetId).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** How far a job has reached the gateway: what the launcher waits for before building. */
    @Transactional
    public JobProgress progress(String jobId) {
        DatasetFiles.requireSafeJobId(jobId);
        var counts = chains.countsOf(jobId);
        return new JobProgress(jobId, counts.chainsReceived(), counts.correctChains(),
                repository.searchResultCount(jobId), defaultDatasetId(jobId));
    }

    public record JobProgress(String jobId, long chains, long correctChains, long searchResults,
            String defaultDatasetId) {
    }

    private void publishProblem(String jobId, String problemId) {
        List<Chain> problemChains = decode(repository.chainJsonsOfProblem(jobId, problemId));
        if (problemChains.isEmpty()) {
            return;
        }
        DatasetOptions options = defaultOptions();
        String id = RecordIds.dataset(canonical(List.of(jobId), options));
        publishNew(builder(id, List.of(jobId), options).build(problemChains));
    }

    private int[] publishNew(DatasetBuilder.Built built) {
        int sft = 0;
        int dpo = 0;
        for (SftRecord record : built.sft()) {
            if (repository.markPublished(record.recordId(), record.datasetId(), "sft", record.problemId())) {
                sftPublisher.publish(record);
                sft++;
            }
        }
        for (DatasetBuilder.Pair pair : built.dpo()) {
            DpoRecord record = pair.record();
            if (repository.markPublished(record.recordId(), record.datasetId(), "dpo", record.problemId())) {
                dpoPublisher.publish(record);
                dpo++;
            }
        }
        meters.counter("marco.gateway.sft.records").increment(sft);
        meters.counter("marco.gateway.dpo.records").increment(dpo);
        return new int[] { sft, dpo };
    }

    private DatasetOptions defaultOptions() {
        return DatasetOptions.defaults(config.tokenizer());
    }

    private DatasetBuilder builder(String id, List<String> jobs, DatasetOptions options) {
        return new DatasetBuilder(id, jobs, options, tokenCounter(options.tokenizer()), annotations::rejected);
    }

    private TokenCounter tokenCounter(String name) {
        return switch (name) {
            case "chars" -> TokenCounter.CHARS;
            case "huggingface" -> huggingFace();
            default -> TokenCounter.WHITESPACE;
        };
    }

    private HuggingFaceTokenCounter huggingFace() {
        HuggingFaceTokenCounter counter = huggingFace;
        if (counter == null) {
            synchronized (this) {
                if (huggingFace == null) {
                    huggingFace = HuggingFaceTokenCounter.load(config.tokenizerFile().orElseThrow(
                            () -> new IllegalStateException("marco.gateway.datasets.tokenizer-file is not set")));
                }
                counter = huggingFace;
            }
        }
        return counter;
    }

    static String canonical(List<String> jobs, DatasetOptions options) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jobs", List.copyOf(new TreeSet<>(jobs)));
        request.put("options", options);
        return MessageCodec.encode(request);
    }

    private static List<Chain> decode(List<String> jsons) {
        return jsons.stream().map(j -> MessageCodec.decode(j, Chain.class)).toList();
    }

    /** Each file is written beside its target and moved over it, so a reader never sees half a file. */
    private void write(String id, Map<String, byte[]> rendered) {
        Path dir = files.datasetDir(id);
        try {
            for (var file : rendered.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
                Files.write(temp, file.getValue());
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write data set " + id + " under " + dir + ": " + e.getMessage(), e);
        }
    }
}
