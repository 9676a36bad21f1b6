package dev.marcoforge.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A model on disk, in one folder: {@code config.json} (the {@link ModelConfig}), {@code tokenizer.json} (which
 * tokenizer and its special tokens), {@code weights.ndlist} (the named parameters in DJL's NDList encoding) and an
 * optional {@code metadata.json} (how it was trained). Weights are written to a temporary file and moved into
 * place, so a crash mid-save never leaves a torn checkpoint behind.
 */
public final class Checkpoint {

    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String WEIGHTS = "weights.ndlist";
    public static final String METADATA = "metadata.json";

    private Checkpoint() {
    }

    public static void save(TransformerModel model, Path dir, Map<String, ?> metadata) {
        try {
            Files.createDirectories(dir);
            model.config().write(dir.resolve(CONFIG));
            ObjectNode tokenizer = ModelConfig.JSON.createObjectNode();
            tokenizer.put("type", ChatTokenizer.TYPE);
            tokenizer.put("vocab_size", ChatTokenizer.VOCAB_SIZE);
            ObjectNode specials = tokenizer.putObject("special_tokens");
            int[] ids = {ChatTokenizer.PAD, ChatTokenizer.BOS, ChatTokenizer.EOS, ChatTokenizer.SYSTEM,
                    ChatTokenizer.USER, ChatTokenizer.ASSISTANT, ChatTokenizer.END};
            for (int id : ids) {
                specials.put(ChatTokenizer.instance().render(new int[] {id}), id);
            }
            ModelConfig.JSON.writeValue(dir.resolve(TOKENIZER).toFile(), tokenizer);
            NDList weights = new NDList();
            for (NDArray parameter : model.parameters().values()) {
                weights.add(parameter);
            }
            Path temporary = dir.resolve(WEIGHTS + ".tmp");
            Files.write(temporary, weights.encode());
            Files.move(temporary, dir.resolve(WEIGHTS), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            if (metadata != null && !metadata.isEmpty()) {
                ModelConfig.JSON.writeValue(dir.resolve(METADATA).toFile(), metadata);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static TransformerModel load(Path dir, NDManager parent) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no checkpoint folder " + dir);
        }
        for (String file : new String[] {CONFIG, TOKENIZER, WEIGHTS}) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IllegalArgumentException("checkpoint " + dir + " has no " + file);
            }
        }
        ModelConfig config = ModelConfig.read(dir.resolve(CONFIG));
        checkTokenizer(dir.resolve(TOKENIZER));
        ModelRuntime.engine();
        try (NDManager reading = parent.newSubManager()) {
            NDList weights;
            try {
                weights = NDList.decode(reading, Files.readAllBytes(dir.resolve(WEIGHTS)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(WEIGHTS) + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("checkpoint " + dir + " has unreadable weights: " + e.getMessage(),
                        e);
            }
            return TransformerModel.fromWeights(config, weights, parent);
        }
    }

    /** The training metadata, or an empty object when the checkpoint has none. */
    public static JsonNode metadata(Path dir) {
        Path file = dir.resolve(METADATA);
        try {
            return Files.isRegularFile(file) ? ModelConfig.JSON.readTree(file.toFile())
                    : ModelConfig.JSON.createObjectNode();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkTokenizer(Path file) {
        JsonNode tokenizer;
        try {
            tokenizer = ModelConfig.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + ModelConfig.rootMessage(e), e);
        }
        String type = tokenizer.path("type").asText("");
        if (!ChatTokenizer.TYPE.equals(type)) {
            throw new IllegalArgumentException(file + " names tokenizer '" + type + "'; this build reads '"
                    + ChatTokenizer.TYPE + "'");
        }
    }
}
