package dev.marcoforge.inference.embedded;

import ai.djl.ndarray.NDManager;
import dev.marcoforge.model.Checkpoint;
import dev.marcoforge.model.ModelConfig;
import dev.marcoforge.model.Sampler;
import dev.marcoforge.model.TransformerModel;
import java.nio.file.Path;

/** A checkpoint loaded for serving: its weights and a sampler on them. Thread-safe: sampling only reads weights. */
public final class EmbeddedModel implements AutoCloseable {

    private final Path checkpoint;
    private final NDManager manager;
    private final TransformerModel model;
    private final Sampler sampler;

    private EmbeddedModel(Path checkpoint, NDManager manager, TransformerModel model) {
        this.checkpoint = checkpoint;
        this.manager = manager;
        this.model = model;
        this.sampler = new Sampler(model);
    }

    /** @throws IllegalArgumentException naming the checkpoint and the fault when it cannot be loaded */
    public static EmbeddedModel load(Path checkpoint) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return new EmbeddedModel(checkpoint, manager, Checkpoint.load(checkpoint, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public Path checkpoint() {
        return checkpoint;
    }

    public ModelConfig config() {
        return model.config();
    }

    public Sampler sampler() {
        return sampler;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
