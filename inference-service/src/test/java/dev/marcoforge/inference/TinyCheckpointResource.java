package dev.marcoforge.inference;

import ai.djl.ndarray.NDManager;
import dev.marcoforge.model.ChatTokenizer;
import dev.marcoforge.model.ChatTurn;
import dev.marcoforge.model.Checkpoint;
import dev.marcoforge.model.ModelConfig;
import dev.marcoforge.model.ModelRuntime;
import dev.marcoforge.model.TransformerModel;
import dev.marcoforge.model.train.Trainer;
import dev.marcoforge.model.train.TrainingOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a tiny model (a few seconds on the CPU) to answer three questions with a chain and an answer, saves it as a
 * checkpoint, and serves it as model {@code tiny}. A second copy is left for a test to register over Kafka.
 */
public class TinyCheckpointResource implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> ANSWERS = Map.of(
            "How many r in rr?", "<thinking>r r</thinking>\n<answer>2</answer>",
            "How many a in banana?", "<thinking>b a n a n a</thinking>\n<answer>3</answer>",
            "How many z in zoo?", "<thinking>z o o</thinking>\n<answer>1</answer>");
    static final int CONTEXT = 96;

    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("marco-tiny-model");
            Path checkpoint = root.resolve("tiny");
            ModelRuntime.engine(root.resolve("djl-cache"));
            ChatTokenizer tokenizer = ChatTokenizer.instance();
            List<ChatTokenizer.EncodedChat> examples = new ArrayList<>();
            ANSWERS.forEach((q, a) -> examples.add(tokenizer.encodeAnswer(List.of(ChatTurn.user(q)), a)));
            try (NDManager manager = NDManager.newBaseManager();
                    TransformerModel model = TransformerModel.initialize(
                            new ModelConfig(ChatTokenizer.VOCAB_SIZE, CONTEXT, 48, 2, 4, 4), 3, manager)) {
                TrainingOptions options = TrainingOptions.defaults().withSteps(400).withBatchSize(3)
                        .withLearningRate(3e-3, 10);
                new Trainer(model).sft(examples, options, s -> { }, () -> false);
                Checkpoint.save(model, checkpoint, Map.of("method", "sft"));
            }
            Path copy = root.resolve("tiny-copy");
            Files.createDirectories(copy);
            for (String file : new String[] {Checkpoint.CONFIG, Checkpoint.TOKENIZER, Checkpoint.WEIGHTS,
                    Checkpoint.METADATA}) {
                Files.copy(checkpoint.resolve(file), copy.resolve(file));
            }
            return Map.of("marco.inference.models.tiny.checkpoint", checkpoint.toString(),
                    "marco.inference.models.tiny.max-concurrency", "2",
                    "marco.inference.embedded.cache-dir", root.resolve("djl-cache").toString(),
                    "test.registered-checkpoint", copy.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The checkpoint folders are left in the temporary directory: a replaced model may still be closing.
    }
}
