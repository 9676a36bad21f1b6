package dev.marcoforge.gateway.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.gateway.config.GatewayConfig;
import dev.marcoforge.gateway.dataset.DatasetService;
import dev.marcoforge.gateway.messaging.ModelRegistrationProducer;
import dev.marcoforge.gateway.persistence.StoredTraining;
import dev.marcoforge.gateway.persistence.TrainingRepository;
import dev.marcoforge.model.Checkpoint;
import dev.marcoforge.model.ModelConfig;
import dev.marcoforge.model.ModelRuntime;
import dev.marcoforge.model.TransformerModel;
import dev.marcoforge.model.train.Trainer;
import dev.marcoforge.model.train.TrainingResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs trainings one at a time (each takes every core) on a thread of its own: loads the data, starts from a
 * fresh model or a checkpoint, trains, saves the checkpoint under {@code <checkpoint-dir>/<name>/<training id>}
 * and registers it on {@code marco.models}, so the inference services serve it and {@code /v1/models} lists it.
 * Progress is kept in PostgreSQL (every few seconds) and exported to Prometheus per training.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    private static final long PERSIST_EVERY_NANOS = 2_000_000_000L;

    private final GatewayConfig config;
    private final TrainingRepository repository;
    private final DatasetService datasets;
    private final ModelRegistrationProducer registrations;
    private final MeterRegistry meters;
    private final Map<String, TrainingProgress> live = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "marco-training");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingService(GatewayConfig config, TrainingRepository repository, DatasetService datasets,
            ModelRegistrationProducer registrations, MeterRegistry meters) {
        this.config = config;
        this.repository = repository;
        this.datasets = datasets;
        this.registrations = registrations;
        this.meters = meters;
    }

    /** Trainings of a previous process cannot go on (inline records are not kept): they are marked failed. */
    void onStart(@Observes StartupEvent event) {
        for (String status : List.of("RUNNING", "QUEUED")) {
            for (StoredTraining stale : repository.withStatus(status)) {
                repository.finished(stale.trainingId, "FAILED", stale.progressJson, null,
                        "the gateway stopped while this training was " + status.toLowerCase()
                                + "; start it again with the same request");
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        live.values().forEach(p -> p.cancelled.set(true));
        executor.shutdownNow();
    }

    /** @throws InvalidTrainingException naming every problem of the request */
    public ObjectNode submit(String body) {
        TrainingSpec spec = TrainingRequests.parse(body, config.training().maxInlineRecords());
        Path base = resolveBase(spec);
        TrainingData.Examples examples = TrainingData.load(spec, datasets);
        ModelConfig modelConfig = base != null ? ModelConfig.read(base.resolve(Checkpoint.CONFIG))
                : spec.modelConfig() != null ? spec.modelConfig() : ModelConfig.small();
        if (examples.fitting(modelConfig.contextLength()) == 0) {
            throw new InvalidTrainingException(List.of("no example fits the model's context of "
                    + modelConfig.contextLength() + " tokens (" + examples.size() + " given; the shortest takes "
                    + examples.shortest() + "): use prompt 'problem', shorter chains or a model_config with a longer"
                    + " context_length"));
        }
        String id = "tr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        StoredTraining stored = new StoredTraining();
        stored.trainingId = id;
        stored.modelName = spec.name();
        stored.method = spec.method();
        stored.status = "QUEUED";
        stored.requestJson = TrainingRequests.summary(body);
        stored.createdAt = Instant.now();
        repository.insert(stored);
        TrainingProgress progress = new TrainingProgress(id);
        progress.examples(examples.size());
        live.put(id, progress);
        registerGauges(progress, spec);
        executor.submit(() -> run(id, spec, base, examples, progress));
        LOG.infof("training %s queued: %s of '%s' on %d examples", id, spec.method(), spec.name(), examples.size());
        return view(repository.find(id).orElseThrow());
    }

    public Optional<ObjectNode> find(String trainingId) {
        return repository.find(trainingId).map(this::view);
    }

    public List<ObjectNode> recent() {
        return repository.recent(50).stream().map(this::view).toList();
    }

    /** @return false when the training is not queued or running (any more) */
    public boolean cancel(String trainingId) {
        TrainingProgress progress = live.get(trainingId);
        if (progress == null) {
            return false;
        }
        progress.cancelled.set(true);
        return true;
    }

    private Path resolveBase(TrainingSpec spec) {
        if (spec.baseModel() != null) {
            return repository.checkpointOf(spec.baseModel()).map(Path::of).orElseThrow(() ->
                    new InvalidTrainingException(List.of("base_model: no finished training serves '"
                            + spec.baseModel() + "'")));
        }
        if (spec.baseCheckpoint() != null) {
            Path path = Path.of(spec.baseCheckpoint());
            if (!Files.isRegularFile(path.resolve(Checkpoint.WEIGHTS))) {
                throw new InvalidTrainingException(List.of("base_checkpoint: " + path + " holds no checkpoint ("
                        + Checkpoint.WEIGHTS + " is missing)"));
            }
            return path;
        }
        return null;
    }

    private void run(String id, TrainingSpec spec, Path base, TrainingData.Examples examples,
            TrainingProgress progress) {
        int dropped = 0;
        try {
            repository.started(id);
            progress.phase("loading");
            ModelRuntime.engine(Path.of(config.training().cacheDir()));
            int threads = config.training().threads() > 0 ? config.training().threads()
                    : Runtime.getRuntime().availableProcessors();
            ModelRuntime.threads(threads);
            long[] lastPersist = {System.nanoTime()};
            TrainingResult result;
            try (NDManager manager = NDManager.newBaseManager();
                    TransformerModel model = base != null ? Checkpoint.load(base, manager)
                            : TransformerModel.initialize(spec.modelConfig() != null ? spec.modelConfig()
                                    : ModelConfig.small(), spec.options().seed(), manager)) {
                progress.phase("training");
                Trainer trainer = new Trainer(model);
                java.util.function.Consumer<dev.marcoforge.model.train.StepMetrics> listener = metrics -> {
                    progress.step(metrics);
                    if (System.nanoTime() - lastPersist[0] > PERSIST_EVERY_NANOS) {
                        repository.progress(id, progress.toJson(0).toString());
                        lastPersist[0] = System.nanoTime();
                    }
                };
                if (spec.dpo()) {
                    try (TransformerModel reference = model.copy(manager)) {
                        result = trainer.dpo(reference, examples.pairs(), spec.options(), listener,
                                progress.cancelled::get);
                    }
                } else {
                    result = trainer.sft(examples.sft(), spec.options(), listener, progress.cancelled::get);
                }
                dropped = result.droppedExamples();
                if (result.cancelled()) {
                    progress.phase("cancelled");
                    repository.finished(id, "CANCELLED", progress.toJson(dropped).toString(), null,
                            "cancelled after step " + result.steps());
                    return;
                }
                progress.phase("saving");
                Path checkpoint = checkpointDir().resolve(spec.name()).resolve(id).toAbsolutePath().normalize();
                Checkpoint.save(model, checkpoint, metadata(id, spec, base, result, examples.size()));
                registrations.publish(new ModelRegistration(ModelRegistration.SCHEMA_VERSION, spec.name(),
                        checkpoint.toString(), spec.method(), id, Instant.now().getEpochSecond(), false));
                progress.phase("done");
                repository.finished(id, "SUCCEEDED", progress.toJson(dropped).toString(), checkpoint.toString(), null);
                LOG.infof("training %s done: %d steps, final loss %.4f, checkpoint %s, served as '%s'", id,
                        result.steps(), result.finalLoss(), checkpoint, spec.name());
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "training %s failed", id);
            progress.phase("failed");
            repository.finished(id, "FAILED", progress.toJson(dropped).toString(), null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            live.remove(id);
        }
    }

    private Path checkpointDir() {
        return config.training().checkpointDir().orElse(config.outputDir().resolve("models"));
    }

    private static Map<String, Object> metadata(String id, TrainingSpec spec, Path base, TrainingResult result,
            int examples) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("training_id", id);
        metadata.put("name", spec.name());
        metadata.put("method", spec.method());
        metadata.put("dataset_id", spec.datasetId());
        metadata.put("base_checkpoint", base == null ? null : base.toString());
        metadata.put("prompt", spec.problemPrompt() ? "problem" : "full");
        metadata.put("options", spec.options());
        metadata.put("examples", examples);
        metadata.put("dropped_examples", result.droppedExamples());
        metadata.put("steps", result.steps());
        metadata.put("skipped_steps", result.skippedSteps());
        metadata.put("final_loss", Double.isFinite(result.finalLoss()) ? result.finalLoss() : null);
        metadata.put("tokens_per_second", Math.round(result.meanTokensPerSecond()));
        metadata.put("finished_at", Instant.now().toString());
        return metadata;
    }

    private void registerGauges(TrainingProgress progress, TrainingSpec spec) {
        Tags tags = Tags.of("training", progress.trainingId, "model", spec.name(), "method", spec.method());
        Gauge.builder("marco.training.step", progress, p -> p.value(m -> m.step())).tags(tags)
                .description("optimizer steps done").register(meters);
        Gauge.builder("marco.training.loss", progress, p -> p.value(m -> m.loss())).tags(tags)
                .description("loss of the latest step").register(meters);
        Gauge.builder("marco.training.learning_rate", progress, p -> p.value(m -> m.learningRate())).tags(tags)
                .register(meters);
        Gauge.builder("marco.training.tokens_per_second", progress, p -> p.value(m -> m.tokensPerSecond()))
                .tags(tags).register(meters);
        if (spec.dpo()) {
            Gauge.builder("marco.training.reward_margin", progress,
                    p -> p.value(m -> m.rewardMargin() == null ? Double.NaN : m.rewardMargin())).tags(tags)
                    .description("mean beta * (chosen - rejected) implicit reward").register(meters);
            Gauge.builder("marco.training.chosen_logp", progress,
                    p -> p.value(m -> m.chosenLogProb() == null ? Double.NaN : m.chosenLogProb())).tags(tags)
                    .register(meters);
            Gauge.builder("marco.training.rejected_logp", progress,
                    p -> p.value(m -> m.rejectedLogProb() == null ? Double.NaN : m.rejectedLogProb())).tags(tags)
                    .register(meters);
        }
    }

    private ObjectNode view(StoredTraining stored) {
        ObjectNode json = MessageCodec.mapper().createObjectNode();
        json.put("id", stored.trainingId);
        json.put("name", stored.modelName);
        json.put("method", stored.method);
        json.put("status", stored.status);
        TrainingProgress progress = live.get(stored.trainingId);
        JsonNode progressJson = progress != null ? progress.toJson(0) : parse(stored.progressJson);
        json.set("progress", progressJson);
        json.put("checkpoint", stored.checkpoint);
        json.put("error", stored.error);
        json.put("created_at", stored.createdAt == null ? null : stored.createdAt.toString());
        json.put("started_at", stored.startedAt == null ? null : stored.startedAt.toString());
        json.put("finished_at", stored.finishedAt == null ? null : stored.finishedAt.toString());
        json.set("request", parse(stored.requestJson));
        return json;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return MessageCodec.mapper().nullNode();
        }
        try {
            return MessageCodec.mapper().readTree(json);
        } catch (Exception e) {
            return MessageCodec.mapper().nullNode();
        }
    }
}
