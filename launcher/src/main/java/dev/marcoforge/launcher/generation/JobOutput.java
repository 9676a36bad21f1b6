package dev.marcoforge.launcher.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.launcher.client.Http;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a finished job's trees, chains, results and SFT data set under the output folder, and reports them. */
public final class JobOutput {

    private static final Duration DATASET_WAIT = Duration.ofSeconds(60);

    private final Path out;
    private int chains;
    private int correctChains;
    private int sftRecords;
    private String datasets = "";

    public JobOutput(Path out) {
        this.out = out;
    }

    public void write(String generator, String gateway, String jobId, JsonNode job) throws IOException {
        Files.createDirectories(out.resolve("trees"));
        for (JsonNode problem : job.path("problems")) {
            String problemId = problem.path("problemId").asText();
            Http.Response tree = Http.get(generator + "/api/jobs/" + jobId + "/problems/" + encode(problemId) + "/tree");
            if (tree.ok()) {
                Files.writeString(out.resolve("trees").resolve(fileName(problemId) + ".json"),
                        MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree.json()));
            }
            // The reference's indented .txt rendering of the same tree.
            Http.Response text = Http.get(generator + "/api/jobs/" + jobId + "/problems/" + encode(problemId)
                    + "/tree?format=text");
            if (text.ok()) {
                Files.writeString(out.resolve("trees").resolve(fileName(problemId) + ".txt"), text.body());
            }
        }
        JsonNode chainArray = fetchArray(generator + "/api/jobs/" + jobId + "/chains");
        writeLines(out.resolve("chains.jsonl"), chainArray);
        chains = chainArray.size();
        for (JsonNode chain : chainArray) {
            if (chain.path("verdict").path("correct").asBoolean()) {
                correctChains++;
            }
        }
        writeLines(out.resolve("results.jsonl"), fetchArray(generator + "/api/jobs/" + jobId + "/results"));
        sftRecords = writeSft(gateway, jobId);
        datasets = new DatasetDownload(out).write(gateway, jobId);
    }

    /** The gateway builds SFT lines as the chains reach it over Kafka; wait until it has seen them all. */
    private int writeSft(String gateway, String jobId) throws IOException {
        Instant deadline = Instant.now().plus(DATASET_WAIT);
        int records = 0;
        while (Instant.now().isBefore(deadline)) {
            Http.Response stats = Http.get(gateway + "/api/datasets/sft/" + jobId + "/stats");
            if (stats.ok()) {
                records = stats.json().path("records").asInt();
                if (stats.json().path("correctChains").asInt() >= correctChains) {
                    break;
                }
            } else if (correctChains == 0) {
                break;
            }
            sleep(300);
        }
        Http.Response sft = Http.get(gateway + "/api/datasets/sft/" + jobId);
        String body = sft.ok() ? sft.body() : "";
        Files.writeString(out.resolve("sft.jsonl"), body.isEmpty() || body.endsWith("\n") ? body : body + "\n");
        return (int) body.lines().filter(l -> !l.isBlank()).count();
    }

    public void printReport(JsonNode job, PrintStream print) {
        print.println();
        print.printf("%-24s %-9s %-8s %s%n", "PROBLEM", "STATUS", "NODES", "DETAIL");
        for (JsonNode problem : job.path("problems")) {
            String detail = problem.path("error").isTextual() ? problem.path("error").asText() : "";
            print.printf("%-24s %-9s %-8s %s%n", problem.path("problemId").asText(), problem.path("status").asText(),
                    problem.path("nodeCount").asText("-"), detail);
        }
        int total = job.path("total").asInt();
        print.println();
        print.printf("summary: %d problems, %d solved, %d unsolved, %d errors; %d chains (%d correct, %d incorrect);"
                + " %d SFT records%n", total, job.path("solved").asInt(), job.path("unsolved").asInt(),
                job.path("errored").asInt(), chains, correctChains, chains - correctChains, sftRecords);
        print.println("written: " + out.resolve("trees") + "/, " + out.resolve("chains.jsonl") + ", "
                + out.resolve("results.jsonl") + ", " + out.resolve("sft.jsonl"));
        print.println(datasets);
    }

    private static JsonNode fetchArray(String url) {
        Http.Response response = Http.get(url);
        if (!response.ok()) {
            throw new IllegalStateException("GET " + url + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    private static void writeLines(Path file, JsonNode array) throws IOException {
        List<String> lines = new ArrayList<>();
        for (JsonNode node : array) {
            lines.add(MessageCodec.mapper().writeValueAsString(node));
        }
        Files.write(file, lines);
    }

    static String fileName(String problemId) {
        return problemId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
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
