package dev.marcoforge.launcher.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.launcher.client.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Asks the gateway for a job's default data sets (SFT and DPO, TRL and LLaMA-Factory formats, stats) and writes them
 * under {@code OUT/datasets/}, in the layout the gateway serves: {@code trl/sft.jsonl}, {@code trl/dpo.jsonl},
 * {@code trl/dpo_continuation.jsonl}, {@code llamafactory/dataset_info.json} with its files, {@code stats.json}.
 */
public final class DatasetDownload {

    private static final Duration ARRIVAL_WAIT = Duration.ofSeconds(60);

    private final Path out;
    private final Duration arrivalWait;

    public DatasetDownload(Path out) {
        this(out, ARRIVAL_WAIT);
    }

    DatasetDownload(Path out, Duration arrivalWait) {
        this.out = out;
        this.arrivalWait = arrivalWait;
    }

    /**
     * Waits until the gateway has seen every chain and search result the generator listed (counted from
     * {@code chains.jsonl} and {@code results.jsonl} in the output folder), builds the job's data set and downloads it.
     *
     * @return one line saying what was written, or why nothing was
     */
    public String write(String gateway, String jobId) throws IOException {
        long chains = lines(out.resolve("chains.jsonl"));
        long results = lines(out.resolve("results.jsonl"));
        if (chains == 0) {
            return "data sets: none, the job produced no chains";
        }
        Instant deadline = Instant.now().plus(arrivalWait);
        String progressUrl = gateway + "/api/datasets/jobs/" + jobId;
        while (true) {
            Http.Response progress = Http.get(progressUrl);
            if (!progress.ok()) {
                return "data sets: not built, GET " + progressUrl + " answered " + progress.status();
            }
            JsonNode seen = progress.json();
            if (seen.path("chains").asLong() >= chains && seen.path("searchResults").asLong() >= results) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                // Build from what arrived: the stats say how much that is.
                break;
            }
            sleep(300);
        }
        Http.Response built = Http.postJson(gateway + "/api/datasets", Map.of("jobs", List.of(jobId)), null);
        if (!built.ok()) {
            return "data sets: not built, the gateway answered " + built.status() + ": " + built.body();
        }
        JsonNode answer = built.json();
        Path root = out.resolve("datasets").toAbsolutePath().normalize();
        for (JsonNode file : answer.path("files")) {
            Path target = root.resolve(file.path("path").asText()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IllegalStateException("the gateway named a file outside the data set: " + file);
            }
            Http.Response content = Http.get(gateway + file.path("url").asText());
            if (!content.ok()) {
                throw new IllegalStateException("GET " + file.path("url").asText() + " answered " + content.status());
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, content.body());
        }
        JsonNode counts = answer.path("stats").path("counts");
        return String.format("data sets: %d SFT records, %d DPO pairs (data set %s) in %s/", counts.path("sftRecords")
                .asInt(), counts.path("dpoRecords").asInt(), answer.path("id").asText(), out.resolve("datasets"));
    }

    private static long lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
