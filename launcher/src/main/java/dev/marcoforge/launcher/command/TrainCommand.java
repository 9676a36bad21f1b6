package dev.marcoforge.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.launcher.client.Http;
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

/**
 * {@code ./marco train}: starts a training of the embedded small model on the gateway ({@code POST
 * /api/trainings}), follows it with a progress bar, and prints where the checkpoint went and the served name.
 */
@Command(name = "train", description = "Train the embedded small model (SFT or DPO) on a data set or a JSONL file,"
        + " follow it, and serve the result under --name.")
public class TrainCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "the name the trained model is served under")
    String name;

    @Option(names = "--method", required = true, description = "sft or dpo")
    String method;

    @Option(names = "--dataset", paramLabel = "ID", description = "a built data set id (ds-...)")
    String dataset;

    @Option(names = "--data", paramLabel = "FILE", description = "records in TRL's shapes, JSON lines or a JSON"
            + " array: {\"messages\": [...]} for sft; {\"prompt\", \"chosen\", \"rejected\", \"shared_prefix\"} for dpo")
    Path data;

    @Option(names = "--base", paramLabel = "MODEL", description = "start from this model trained here (dpo needs"
            + " one)")
    String base;

    @Option(names = "--base-checkpoint", paramLabel = "DIR", description = "start from this checkpoint folder")
    String baseCheckpoint;

    @Option(names = "--model-config", paramLabel = "FILE", description = "a model config JSON for a fresh model")
    Path modelConfig;

    @Option(names = "--prompt", description = "full (base prompt and problem) or problem (the problem alone)")
    String prompt;

    @Option(names = "--base-prompt", paramLabel = "TEXT", description = "the base prompt to strip from --data"
            + " records with --prompt problem")
    String basePrompt;

    @Option(names = "--steps", description = "optimizer steps (instead of --epochs)")
    Integer steps;

    @Option(names = "--epochs", description = "passes over the data")
    Integer epochs;

    @Option(names = "--batch-size")
    Integer batchSize;

    @Option(names = "--lr", description = "peak learning rate")
    Double learningRate;

    @Option(names = "--warmup", description = "warm-up steps")
    Integer warmup;

    @Option(names = "--beta", description = "DPO beta")
    Double beta;

    @Option(names = "--label-smoothing", description = "cDPO epsilon")
    Double labelSmoothing;

    @Option(names = "--sft-alpha", description = "weight of the joint SFT loss on the chosen chain")
    Double sftAlpha;

    @Option(names = "--no-prefix-mask", description = "let the shared prefix count in DPO's log-probabilities")
    boolean noPrefixMask;

    @Option(names = "--seed")
    Long seed;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "how long to follow the training (ISO-8601,"
            + " default ${DEFAULT-VALUE}); it goes on after")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        String gateway = Platform.fromEnvironment().service("trainer-gateway").url();
        if (Http.status(gateway + "/q/health/ready") != 200) {
            throw new IllegalStateException("trainer-gateway is not ready at " + gateway
                    + "; start the platform with ./marco up");
        }
        JsonNode done;
        try {
            done = submitAndFollow(gateway, body(), timeout);
        } catch (Refused e) {
            System.err.println("marco: the training was refused:");
            e.problems.forEach(p -> System.err.println("  - " + p.asText()));
            return 2;
        }
        return "SUCCEEDED".equals(done.path("status").asText()) ? 0 : 1;
    }

    /** A training the gateway refused (400), with its problems. */
    static final class Refused extends RuntimeException {
        final JsonNode problems;

        Refused(JsonNode problems) {
            super("the training was refused: " + problems);
            this.problems = problems;
        }
    }

    /**
     * Starts a training, follows it with a progress bar, prints its outcome, and returns its final state.
     *
     * @throws Refused when the gateway refuses the request
     */
    static JsonNode submitAndFollow(String gateway, ObjectNode body, Duration timeout) {
        Http.Response submitted = Http.postJson(gateway + "/api/trainings", body, null);
        if (submitted.status() == 400) {
            throw new Refused(submitted.json().path("problems"));
        }
        if (submitted.status() != 202) {
            throw new IllegalStateException("the gateway answered " + submitted.status() + ": " + submitted.body());
        }
        String id = submitted.json().path("id").asText();
        String name = body.path("name").asText();
        System.out.println("training " + id + ": " + body.path("method").asText() + " of '" + name + "' on "
                + submitted.json().at("/progress/examples").asInt() + " examples");
        JsonNode done = follow(gateway, id, timeout);
        String status = done.path("status").asText();
        JsonNode progress = done.path("progress");
        System.out.printf("%s after %d steps (%d skipped), final loss %s, %s tokens/s%n", status.toLowerCase(),
                progress.path("step").asInt(), progress.path("skipped_steps").asInt(),
                progress.at("/latest/loss").asText("-"), progress.at("/latest/tokens_per_second").asText("-"));
        if ("SUCCEEDED".equals(status)) {
            System.out.println("checkpoint: " + done.path("checkpoint").asText());
            System.out.println("served as: " + name);
        } else {
            System.err.println("marco: " + done.path("error").asText());
        }
        return done;
    }

    private ObjectNode body() throws IOException {
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", name);
        body.put("method", method);
        if (dataset != null) {
            body.put("dataset_id", dataset);
        }
        if (data != null) {
            ArrayNode records = ProblemFile.read(data);
            body.set("records", records);
        }
        if (base != null) {
            body.put("base_model", base);
        }
        if (baseCheckpoint != null) {
            body.put("base_checkpoint", Path.of(baseCheckpoint).toAbsolutePath().toString());
        }
        if (modelConfig != null) {
            if (!Files.isRegularFile(modelConfig)) {
                throw new IllegalArgumentException("model config not found: " + modelConfig.toAbsolutePath());
            }
            body.set("model_config", MessageCodec.mapper().readTree(modelConfig.toFile()));
        }
        if (prompt != null) {
            body.put("prompt", prompt);
        }
        if (basePrompt != null) {
            body.put("base_prompt", basePrompt);
        }
        ObjectNode hyper = body.putObject("hyperparameters");
        putIf(hyper, "steps", steps);
        putIf(hyper, "epochs", epochs);
        putIf(hyper, "batch_size", batchSize);
        putIf(hyper, "learning_rate", learningRate);
        putIf(hyper, "warmup_steps", warmup);
        putIf(hyper, "beta", beta);
        putIf(hyper, "label_smoothing", labelSmoothing);
        putIf(hyper, "sft_alpha", sftAlpha);
        putIf(hyper, "seed", seed);
        if (noPrefixMask) {
            hyper.put("mask_shared_prefix", false);
        }
        return body;
    }

    private static void putIf(ObjectNode node, String field, Number value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Long l) {
            node.put(field, l);
        } else if (value instanceof Double d) {
            node.put(field, d);
        }
    }

    static JsonNode follow(String gateway, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        ProgressBar bar = null;
        while (true) {
            Http.Response response = Http.get(gateway + "/api/trainings/" + id);
            if (!response.ok()) {
                throw new IllegalStateException("cannot read training " + id + ": " + response.status() + " "
                        + response.body());
            }
            JsonNode training = response.json();
            JsonNode progress = training.path("progress");
            int total = progress.path("total_steps").asInt(0);
            if (total > 0) {
                if (bar == null) {
                    bar = new ProgressBar(System.err, total);
                }
                JsonNode latest = progress.path("latest");
                String detail = String.format("steps  loss %.4f  lr %.2e  %,d tok/s", latest.path("loss").asDouble(),
                        latest.path("learning_rate").asDouble(), latest.path("tokens_per_second").asLong());
                if (latest.has("reward_margin")) {
                    detail += String.format("  margin %.3f", latest.path("reward_margin").asDouble());
                }
                bar.show(progress.path("step").asInt(), detail);
            }
            String status = training.path("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                if (bar != null) {
                    bar.finish();
                }
                return training;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("training " + id + " did not finish within " + timeout
                        + "; it goes on: GET " + gateway + "/api/trainings/" + id);
            }
            GenerateCommand.sleep(500);
        }
    }
}
