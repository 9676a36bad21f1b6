package dev.marcoforge.gateway.dataset;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Token counts of a real model's tokenizer, read from a local {@code tokenizer.json} (the file a Hugging Face model
 * repository ships). Nothing is downloaded: the path must exist. Special tokens are not added, since a shared prefix
 * sits in the middle of a sequence.
 */
public final class HuggingFaceTokenCounter implements TokenCounter, AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private HuggingFaceTokenCounter(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** @throws IllegalArgumentException naming the path when it is not a readable tokenizer file */
    public static HuggingFaceTokenCounter load(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer file " + tokenizerJson + " does not exist");
        }
        try {
            return new HuggingFaceTokenCounter(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "huggingface";
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        Encoding encoding = tokenizer.encode(text, false, false);
        return encoding.getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
