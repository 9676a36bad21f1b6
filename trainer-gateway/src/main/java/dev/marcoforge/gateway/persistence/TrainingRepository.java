package dev.marcoforge.gateway.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The training jobs; each method is its own transaction (a training outlives any request). */
@ApplicationScoped
public class TrainingRepository {

    @Transactional
    public void insert(StoredTraining training) {
        training.persist();
    }

    @Transactional
    public Optional<StoredTraining> find(String trainingId) {
        return StoredTraining.findByIdOptional(trainingId);
    }

    @Transactional
    public List<StoredTraining> recent(int limit) {
        return StoredTraining.<StoredTraining>find("ORDER BY createdAt DESC").page(0, limit).list();
    }

    @Transactional
    public List<StoredTraining> withStatus(String status) {
        return StoredTraining.list("status = ?1 ORDER BY createdAt", status);
    }

    /** The checkpoint of the latest successful training that serves {@code modelName}. */
    @Transactional
    public Optional<String> checkpointOf(String modelName) {
        return StoredTraining.<StoredTraining>find("modelName = ?1 AND status = 'SUCCEEDED' ORDER BY finishedAt DESC",
                modelName).firstResultOptional().map(t -> t.checkpoint);
    }

    @Transactional
    public void started(String trainingId) {
        StoredTraining training = StoredTraining.findById(trainingId);
        training.status = "RUNNING";
        training.startedAt = Instant.now();
    }

    @Transactional
    public void progress(String trainingId, String progressJson) {
        StoredTraining training = StoredTraining.findById(trainingId);
        training.progressJson = progressJson;
    }

    @Transactional
    public void finished(String trainingId, String status, String progressJson, String checkpoint, String error) {
        StoredTraining training = StoredTraining.findById(trainingId);
        training.status = status;
        training.progressJson = progressJson;
        training.checkpoint = checkpoint;
        training.error = error;
        training.finishedAt = Instant.now();
    }
}
