package dev.marcoforge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcoforge.gateway.dataset.JsonlAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAppenderTests {

    @TempDir
    Path dir;

    private final JsonlAppender appender = new JsonlAppender();

    @Test
    void concurrentAppendsKeepEveryLineWhole() throws Exception {
        Path file = dir.resolve("sft/job.jsonl");
        String padding = "x".repeat(5000);
        var pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            writes.add(CompletableFuture.runAsync(
                    () -> appender.append(file, "{\"n\":" + n + ",\"pad\":\"" + padding + "\"}"), pool));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        List<String> lines = Files.readAllLines(file);
        var expected = new HashSet<String>();
        for (int i = 0; i < 400; i++) {
            expected.add("{\"n\":" + i + ",\"pad\":\"" + padding + "\"}");
        }
        assertThat(lines).hasSize(400);
        // Compared as a boolean: a failure message holding 2 MB of padding helps nobody.
        assertThat(new HashSet<>(lines).equals(expected)).as("every line written whole, once").isTrue();
    }

    @Test
    void lineBreaksInsideALineAreRefused() {
        assertThatThrownBy(() -> appender.append(dir.resolve("a.jsonl"), "one\ntwo"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completeLengthStopsBeforeAHalfWrittenLine() throws Exception {
        Path file = dir.resolve("partial.jsonl");
        Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n{\"c\":", StandardCharsets.UTF_8);
        assertThat(JsonlAppender.completeLength(file)).isEqualTo(16);

        Files.writeString(file, "{\"c\":" + "y".repeat(20_000), StandardCharsets.UTF_8);
        assertThat(JsonlAppender.completeLength(file)).isZero();

        Files.writeString(file, "{}\n" + "z".repeat(20_000) + "\n", StandardCharsets.UTF_8);
        assertThat(JsonlAppender.completeLength(file)).isEqualTo(Files.size(file));
    }
}
