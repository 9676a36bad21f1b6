package dev.marcoforge.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.launcher.client.Http;
import dev.marcoforge.launcher.generation.JobOutput;
import dev.marcoforge.launcher.generation.ProblemFile;
import dev.marcoforge.launcher.generation.ProgressBar;
import dev.marcoforge.launcher.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Submit an MCTS data generation job, follow it, and write trees, chains,"
        + " results and the SFT data set under --out.")
public class GenerateCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE|NAME",
            description = "a Marco-o1 JSON config file, or the name of a built-in config (letter-counting)")
    String config;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "problems in the Marco-o1 data format: a JSON array (or JSON lines) of {id, problem, solution}")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--policy-url", paramLabel = "URL", description = "policy model endpoint; overrides the config's url1")
    String policyUrl;

    @Option(names = "--critic-url", paramLabel = "URL", description = "critic model endpoint; overrides the config's url2")
    String criticUrl;

    @Option(names = "--name", description = "a name for the job")
    String name;

    /** The id of the job the last {@link #run} submitted. */
    String jobId;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "how long to wait for the job (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-pause", defaultValue = "PT2M", description = "how long to wait while the job is paused"
            + " because a model server is down before giving up (the job goes on waiting on the generator;"
            + " ISO-8601, default ${DEFAULT-VALUE})")
    Duration maxPause;

    /** The exit status when the command gives up on a job paused by a model server that stays down. */
    static final int PAUSED = 3;

    /** The job stayed paused longer than {@code --max-pause}. */
    static final class JobPausedException extends RuntimeException {
        JobPausedException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws IOException {
        return run(Platform.fromEnvironment());
    }

    Integer run(Platform platform) throws IOException {
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", name != null ? name : input.getFileName().toString());
        body.set("config", readConfig());
        body.set("problems", ProblemFile.read(input));
        if (policyUrl != null) {
            body.put("policyUrl", policyUrl);
        }
        if (criticUrl != null) {
            body.put("criticUrl", criticUrl);
        }
        String generator = platform.service("generator-service").url();
        if (Http.status(generator + "/q/health/ready") != 200) {
            throw new IllegalStateException("generator-service is not ready at " + generator
                    + "; start the platform with ./marco up (./marco status shows what runs)");
        }
        Http.Response submitted = Http.postJson(generator + "/api/jobs", body, null);
        if (submitted.status() == 400) {
            System.err.println("marco: the job was rejected:");
            JsonNode errors = submitted.json().path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                errors.forEach(e -> System.err.println("  - " + e.asText()));
            } else {
                System.err.println("  " + submitted.body());
            }
            return 2;
        }
        if (!submitted.ok()) {
            throw new IllegalStateException("the generator answered " + submitted.status() + ": " + submitted.body());
        }
        jobId = submitted.json().path("jobId").asText();
        int total = body.get("problems").size();
        System.out.println("job " + jobId + ": " + total + " problems");

        JsonNode job;
        try {
            job = follow(generator, jobId, total);
        } catch (JobPausedException e) {
            System.err.println("marco: " + e.getMessage());
            return PAUSED;
        }
        JobOutput output = new JobOutput(out);
        output.write(generator, platform.service("trainer-gateway").url(), jobId, job);
        output.printReport(job, System.out);
        int errored = job.path("errored").asInt();
        return errored == total && total > 0 ? 1 : 0;
    }

    private JsonNode readConfig() throws IOException {
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode node = MessageCodec.mapper().readTree(file.toFile());
                if (!node.isObject()) {
                    throw new IllegalArgumentException("the config " + file + " is not a JSON object");
                }
                return node;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the config " + file + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (config.contains("/") || config.endsWith(".json")) {
            throw new IllegalArgumentException("config file not found: " + file.toAbsolutePath());
        }
        return MessageCodec.mapper().getNodeFactory().textNode(config);
    }

    private JsonNode follow(String generator, String jobId, int total) {
        ProgressBar bar = new ProgressBar(System.err, total);
        Instant deadline = Instant.now().plus(timeout);
        String shownPause = null;
        Instant pausedSince = null;
        while (true) {
            Http.Response response = Http.get(generator + "/api/jobs/" + jobId);
            if (!response.ok()) {
                throw new IllegalStateException("cannot read job " + jobId + ": " + response.status() + " " + response.body());
            }
            JsonNode job = response.json();
            bar.update(job.path("solved").asInt(), job.path("unsolved").asInt(), job.path("errored").asInt(),
                    job.path("running").asInt());
            if ("COMPLETED".equals(job.path("status").asText())) {
                bar.finish();
                return job;
            }
            // A model server that is down pauses the job; say so once, since the bar alone would just stall.
            String pause = job.path("pausedReason").asText(null);
            if (pause != null && !pause.equals(shownPause)) {
                System.err.println("\njob paused: " + pause);
            }
            shownPause = pause;
            pausedSince = pause == null ? null : pausedSince == null ? Instant.now() : pausedSince;
            if (pausedSince != null && Instant.now().isAfter(pausedSince.plus(maxPause))) {
                bar.finish();
                throw new JobPausedException("gave up waiting: job " + jobId + " has been paused for " + maxPause
                        + " (" + pause + "); its state: GET " + generator + "/api/jobs/" + jobId);
            }
            if (Instant.now().isAfter(deadline)) {
                bar.finish();
                throw new IllegalStateException("job " + jobId + " did not finish within " + timeout
                        + "; it goes on running: GET " + generator + "/api/jobs/" + jobId);
            }
            sleep(400);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
