package dev.marcoforge.gateway.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Hugging Face tokenizer, loaded from a small tokenizer.json made here (nothing is downloaded). */
class HuggingFaceTokenCounterTests {

    private static final String WORD_LEVEL = """
            {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
             "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
             "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "count": 1, "the": 2, "r": 3},
                       "unk_token": "[UNK]"}}
            """;

    @Test
    void countsTheTokensOfALocalTokenizerFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);
        try (var counter = HuggingFaceTokenCounter.load(file)) {
            String text = "<thinking>Count the r: s-t-r-a-w.</thinking>\n";
            assertThat(counter.name()).isEqualTo("huggingface");
            assertThat(counter.count("count the r")).isEqualTo(3);
            assertThat(counter.count("")).isZero();
            // The built-in whitespace counter follows the same pre-tokenizer rule, so with a word-level model the
            // two agree.
            assertThat(counter.count(text)).isEqualTo(TokenCounter.WHITESPACE.count(text));
        }
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> HuggingFaceTokenCounter.load(dir.resolve("nope.json")))
                .hasMessageContaining("nope.json");
    }
}
