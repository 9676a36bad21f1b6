package dev.marcoforge.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a decoder-only transformer: vocabulary, context length, width, depth, attention heads and the MLP's
 * expansion ratio. Read from and written as JSON ({@code config.json} in a checkpoint); unknown keys and impossible
 * shapes are refused with every fault named.
 */
public record ModelConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("context_length") int contextLength,
        @JsonProperty("width") int width,
        @JsonProperty("depth") int depth,
        @JsonProperty("heads") int heads,
        @JsonProperty("mlp_ratio") int mlpRatio) {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ModelConfig {
        List<String> faults = new ArrayList<>();
        if (vocabSize < ChatTokenizer.VOCAB_SIZE) {
            faults.add("vocab_size must be at least " + ChatTokenizer.VOCAB_SIZE + " (the byte tokenizer's), got "
                    + vocabSize);
        }
        if (contextLength < 8 || contextLength > 8192) {
            faults.add("context_length must be in 8..8192, got " + contextLength);
        }
        if (width < 8 || width > 4096) {
            faults.add("width must be in 8..4096, got " + width);
        }
        if (depth < 1 || depth > 64) {
            faults.add("depth must be in 1..64, got " + depth);
        }
        if (heads < 1 || (width >= 8 && width % heads != 0)) {
            faults.add("heads must be at least 1 and divide width " + width + ", got " + heads);
        }
        if (mlpRatio < 1 || mlpRatio > 16) {
            faults.add("mlp_ratio must be in 1..16, got " + mlpRatio);
        }
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException("invalid model config: " + String.join("; ", faults));
        }
    }

    /** About 0.85M parameters: small enough to train on two CPU cores, big enough to learn letter counting. */
    public static ModelConfig small() {
        return new ModelConfig(ChatTokenizer.VOCAB_SIZE, 256, 128, 4, 4, 4);
    }

    public int headWidth() {
        return width / heads;
    }

    /** Trainable parameters (the output layer shares the token embedding). */
    public long parameterCount() {
        long d = width;
        long perLayer = 2 * 2 * d // two layer norms
                + d * 3 * d + 3 * d // qkv
                + d * d + d // attention output
                + d * mlpRatio * d + mlpRatio * d // mlp in
                + mlpRatio * d * d + d; // mlp out
        return (long) vocabSize * d + (long) contextLength * d + depth * perLayer + 2 * d;
    }

    public static ModelConfig read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ModelConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model config " + file + ": " + rootMessage(e), e);
        }
    }

    public static ModelConfig parse(String json) {
        try {
            return JSON.readValue(json, ModelConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid model config: " + rootMessage(e), e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model config " + file, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
