package dev.marcoforge.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.launcher.client.Http;
import dev.marcoforge.launcher.evaluation.EvalMetrics;
import dev.marcoforge.launcher.experiment.LetterProblems;
import dev.marcoforge.launcher.platform.GatewayAdminSecret;
import dev.marcoforge.launcher.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./marco experiment}: the Marco-o1 v2 paper in miniature on letter counting, end to end on this machine.
 * MCTS data from sandbox-llm with the reference demo config; a base model trained to answer directly; SFT on the
 * MCTS chains and on long-CoT-style chains (sandbox-llm's long thinker, the Sky-T1 stand-in); then, from the
 * MCTS SFT model, DPO, + length balance, + cDPO, + the joint SFT loss, + the shared-prefix mask. Every model is
 * evaluated on held-out words through the gateway; the two tables are printed and written to the output folder.
 */
@Command(name = "experiment", description = "Run the paper in miniature on letter counting: generate, train (SFT,"
        + " DPO variants), evaluate, print the tables.")
public class ExperimentCommand implements Callable<Integer> {

    static final String MODEL_CONFIG = "{\"vocab_size\": 263, \"context_length\": 1024, \"width\": 128,"
            + " \"depth\": 4, \"heads\": 4, \"mlp_ratio\": 4}";
    static final String QUICK_MODEL_CONFIG = "{\"vocab_size\": 263, \"context_length\": 1024, \"width\": 48,"
            + " \"depth\": 2, \"heads\": 4, \"mlp_ratio\": 2}";

    @Option(names = "--train-problems", defaultValue = "100", description = "problems for the training data"
            + " (default ${DEFAULT-VALUE})")
    int trainProblems;

    @Option(names = "--test-problems", defaultValue = "12", description = "held-out problems (default"
            + " ${DEFAULT-VALUE})")
    int testProblems;

    @Option(names = "--samples", defaultValue = "32", description = "answers per held-out problem; pass@k for k = 1,"
            + " 8 and 32 up to it (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--sft-epochs", defaultValue = "6")
    int sftEpochs;

    @Option(names = "--temperature", defaultValue = "0.7", description = "sampling temperature of the pass@k"
            + " samples (accuracy is greedy) (default ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--dpo-epochs", defaultValue = "2")
    int dpoEpochs;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Option(names = "--quick", description = "a smoke run of minutes: few problems, a tiny model, few samples")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: <run folder>/experiment)")
    Path out;

    /** As many long-CoT answers per problem as MCTS chains go into its SFT data set. */
    static final int LONG_COT_PER_PROBLEM = 4;

    private final Map<String, JsonNode> trainings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (quick) {
            trainProblems = Math.min(trainProblems, 12);
            testProblems = Math.min(testProblems, 4);
            samples = Math.min(samples, 4);
            sftEpochs = 1;
            dpoEpochs = 1;
        }
        Instant started = Instant.now();
        Platform platform = Platform.fromEnvironment();
        platform.up(System.out);
        String gateway = platform.service("trainer-gateway").url();
        String sandbox = platform.service("sandbox-llm").url();
        String verifier = platform.service("verifier-service").url();
        Path dir = out != null ? out : platform.layout().runDir().resolve("experiment");
        Files.createDirectories(dir);
        String run = "x" + UUID.randomUUID().toString().substring(0, 6);
        String config = quick ? QUICK_MODEL_CONFIG : MODEL_CONFIG;

        ArrayNode[] sets = LetterProblems.generate(trainProblems, testProblems, seed);
        Path trainFile = dir.resolve("train-problems.json");
        Path testFile = dir.resolve("test-problems.json");
        MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(trainFile.toFile(), sets[0]);
        MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(testFile.toFile(), sets[1]);
        section("1. MCTS data: " + trainProblems + " problems, reference demo config, sandbox-llm");
        GenerateCommand generate = new GenerateCommand();
        generate.config = "letter-counting";
        generate.input = trainFile;
        generate.out = dir.resolve("mcts");
        generate.name = "experiment-" + run;
        generate.timeout = Duration.ofMinutes(30);
        if (generate.run(platform) != 0) {
            System.err.println("marco: the MCTS generation failed");
            return 1;
        }
        // Several correct chains per problem: a small model needs the data (the paper keeps chains of varied length).
        String sftSet = dataset(gateway, generate.jobId, "{\"sft\": {\"maxPerProblem\": 4}, \"dpo\":"
                + " {\"pairsPerProblem\": 0}}");
        String dpoSet = dataset(gateway, generate.jobId, "{\"dpo\": {\"pairsPerProblem\": 2, \"pairing\":"
                + " \"shortest-prefix\"}}");
        String balancedSet = dataset(gateway, generate.jobId, "{\"dpo\": {\"pairsPerProblem\": 2, \"pairing\":"
                + " \"balanced-length\"}}");

        section("2. Long-CoT data: sandbox-llm's long thinker (about 16 'Wait' restarts per answer)");
        ArrayNode longCot = longCotRecords(sandbox, verifier, sets[0]);
        ArrayNode direct = directRecords(sets[0]);

        section("3. Training");
        String base = run + "-base";
        train(gateway, base, body(base, "sft", null, direct).put("prompt", "full")
                .set("model_config", MessageCodec.mapper().readTree(config)), sftEpochs, 3e-3);
        String sftLong = run + "-sft-longcot";
        train(gateway, sftLong, body(sftLong, "sft", base, longCot), sftEpochs, 3e-3);
        String sftMcts = run + "-sft-mcts";
        train(gateway, sftMcts, body(sftMcts, "sft", base, null).put("dataset_id", sftSet).put("prompt", "problem"),
                sftEpochs, 3e-3);
        List<String[]> dpoRows = List.of(
                new String[] {"DPO", dpoSet, "0", "0", "false"},
                new String[] {"+ length balance", balancedSet, "0", "0", "false"},
                new String[] {"+ cDPO", balancedSet, "0.1", "0", "false"},
                new String[] {"+ joint SFT loss", balancedSet, "0.1", "1.0", "false"},
                new String[] {"+ shared-prefix mask", balancedSet, "0.1", "1.0", "true"});
        Map<String, String> dpoModels = new LinkedHashMap<>();
        int variant = 0;
        for (String[] row : dpoRows) {
            String name = run + "-dpo" + (++variant);
            ObjectNode body = body(name, "dpo", sftMcts, null).put("dataset_id", row[1]).put("prompt", "problem");
            ObjectNode hyper = body.putObject("hyperparameters");
            hyper.put("epochs", dpoEpochs).put("learning_rate", 1e-4).put("beta", 0.1)
                    .put("label_smoothing", Double.parseDouble(row[2])).put("sft_alpha", Double.parseDouble(row[3]))
                    .put("mask_shared_prefix", Boolean.parseBoolean(row[4])).put("batch_size", 8);
            submit(gateway, name, body);
            dpoModels.put(row[0], name);
        }

        section("4. Evaluation on " + testProblems + " held-out words, " + samples + " samples each");
        String apiKey = key(gateway, platform);
        Map<String, ObjectNode> results = new LinkedHashMap<>();
        Map<String, String> sftModels = new LinkedHashMap<>();
        sftModels.put("Base (answers directly)", base);
        sftModels.put("+ SFT on long-CoT data (Sky-T1 stand-in)", sftLong);
        sftModels.put("+ SFT on MCTS chains", sftMcts);
        for (var entry : sftModels.entrySet()) {
            results.put(entry.getKey(), evaluate(gateway, verifier, apiKey, entry.getValue(), testFile));
        }
        Map<String, ObjectNode> dpoResults = new LinkedHashMap<>();
        dpoResults.put("SFT on MCTS chains (start)", results.get("+ SFT on MCTS chains"));
        for (var entry : dpoModels.entrySet()) {
            dpoResults.put(entry.getKey(), evaluate(gateway, verifier, apiKey, entry.getValue(), testFile));
        }

        String tables = tables(results, dpoResults, started);
        section("Results");
        System.out.println(tables);
        Files.writeString(dir.resolve("results.md"), tables);
        ObjectNode all = MessageCodec.mapper().createObjectNode();
        all.put("run", run);
        all.put("seconds", Duration.between(started, Instant.now()).toSeconds());
        all.put("train_problems", trainProblems);
        all.put("test_problems", testProblems);
        all.put("samples", samples);
        all.set("model_config", MessageCodec.mapper().readTree(config));
        ObjectNode sftJson = all.putObject("sft_table");
        results.forEach((k, v) -> sftJson.set(k, v));
        ObjectNode dpoJson = all.putObject("dpo_table");
        dpoResults.forEach((k, v) -> dpoJson.set(k, v));
        ObjectNode trained = all.putObject("trainings");
        trainings.forEach(trained::set);
        MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("results.json").toFile(), all);
        System.out.println("results: " + dir.resolve("results.md") + " and " + dir.resolve("results.json"));
        return 0;
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private String dataset(String gateway, String jobId, String options) throws IOException {
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.putArray("jobs").add(jobId);
        body.put("publish", false);
        body.set("options", MessageCodec.mapper().readTree(options));
        Http.Response built = Http.postJson(gateway + "/api/datasets", body, null);
        if (!built.ok()) {
            throw new IllegalStateException("cannot build a data set: " + built.status() + " " + built.body());
        }
        JsonNode counts = built.json().at("/stats/counts");
        System.out.println("data set " + built.json().path("id").asText() + " " + options + ": "
                + counts.path("sftRecords").asInt() + " SFT records, " + counts.path("dpoRecords").asInt()
                + " DPO pairs");
        return built.json().path("id").asText();
    }

    /** Distilled long-CoT chains of the training problems; only correct ones are kept, as distillers do. */
    private ArrayNode longCotRecords(String sandbox, String verifier, ArrayNode problems) {
        ArrayNode records = MessageCodec.mapper().createArrayNode();
        int restarts = 0;
        long chars = 0;
        for (int draw = 0; draw < problems.size() * LONG_COT_PER_PROBLEM; draw++) {
            JsonNode problem = problems.get(draw % problems.size());
            ObjectNode request = MessageCodec.mapper().createObjectNode();
            request.put("model", "sandbox-longcot");
            request.putArray("messages").addObject().put("role", "user").put("content",
                    problem.path("problem").asText());
            request.put("temperature", 1.0);
            request.put("seed", seed * 1000 + draw);
            Http.Response response = Http.postJson(sandbox + "/v1/chat/completions", request, null);
            if (!response.ok()) {
                throw new IllegalStateException("sandbox-llm answered " + response.status() + ": " + response.body());
            }
            String text = response.json().at("/choices/0/message/content").asText().strip();
            Http.Response verdict = Http.postJson(verifier + "/api/verify", Map.of("evaluator", "count_latter",
                    "answer", EvalMetrics.answerPart(text), "groundTruth", problem.get("solution")), null);
            if (!verdict.ok() || !verdict.json().path("correct").asBoolean()) {
                continue;
            }
            restarts += EvalMetrics.restartMarkers(text);
            chars += text.length();
            ObjectNode record = records.addObject();
            ArrayNode messages = record.putArray("messages");
            messages.addObject().put("role", "user").put("content", problem.path("problem").asText());
            messages.addObject().put("role", "assistant").put("content", text);
        }
        System.out.printf("%d of %d long-CoT answers correct and kept; %.1f restart markers and %d chars each on"
                + " average%n", records.size(), problems.size() * LONG_COT_PER_PROBLEM, records.isEmpty() ? 0.0
                        : (double) restarts / records.size(), records.isEmpty() ? 0 : chars / records.size());
        return records;
    }

    /** The base model's data: the answer alone, no chain. */
    private static ArrayNode directRecords(ArrayNode problems) {
        ArrayNode records = MessageCodec.mapper().createArrayNode();
        for (JsonNode problem : problems) {
            ObjectNode record = records.addObject();
            ArrayNode messages = record.putArray("messages");
            messages.addObject().put("role", "user").put("content", problem.path("problem").asText());
            messages.addObject().put("role", "assistant").put("content", "<answer>The answer is: \\boxed{"
                    + problem.path("solution").asText() + "}</answer>");
        }
        return records;
    }

    private static ObjectNode body(String name, String method, String baseModel, ArrayNode records) {
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("name", name);
        body.put("method", method);
        if (baseModel != null) {
            body.put("base_model", baseModel);
        }
        if (records != null) {
            body.set("records", records);
        }
        return body;
    }

    private void train(String gateway, String name, ObjectNode body, int epochs, double learningRate) {
        ObjectNode hyper = body.putObject("hyperparameters");
        hyper.put("epochs", epochs).put("learning_rate", learningRate).put("batch_size", 8).put("warmup_steps", 20);
        submit(gateway, name, body);
    }

    private void submit(String gateway, String name, ObjectNode body) {
        JsonNode done = TrainCommand.submitAndFollow(gateway, body, Duration.ofHours(1));
        if (!"SUCCEEDED".equals(done.path("status").asText())) {
            throw new IllegalStateException("training " + name + " failed: " + done.path("error").asText());
        }
        trainings.put(name, done);
    }

    private static String key(String gateway, Platform platform) {
        Http.Response created = Http.postJson(gateway + "/admin/keys", Map.of("name", "marco-experiment"),
                GatewayAdminSecret.read(platform.layout()));
        if (!created.ok()) {
            throw new IllegalStateException("cannot make an API key: " + created.status() + " " + created.body());
        }
        return created.json().path("key").asText();
    }

    private ObjectNode evaluate(String gateway, String verifier, String apiKey, String model, Path testFile)
            throws Exception {
        // The served model appears once its registration has reached the gateway and the inference service.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Http.get(gateway + "/v1/models", apiKey).body().contains("\"" + model + "\"")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("model " + model + " is not served");
            }
            GenerateCommand.sleep(300);
        }
        List<Integer> ks = new ArrayList<>();
        for (int k : new int[] {1, 8, 32}) {
            if (k <= samples) {
                ks.add(k);
            }
        }
        EvalCommand eval = evalCommand(model, testFile, temperature, ks);
        eval.seed = seed;
        eval.quiet = false;
        ArrayNode problems = (ArrayNode) MessageCodec.mapper().readTree(testFile.toFile());
        System.out.println(model + ":");
        ObjectNode result = eval.evaluate(gateway, verifier, apiKey, problems, problems.size(), samples);
        // Accuracy as the paper reports it: one greedy answer per problem.
        EvalCommand greedy = evalCommand(model, testFile, 0.0, List.of(1));
        greedy.quiet = true;
        ObjectNode greedyResult = greedy.evaluate(gateway, verifier, apiKey, problems, problems.size(), 1);
        result.put("sampled_accuracy", result.path("accuracy").asDouble());
        result.put("sampled_no_answer_rate", result.path("no_answer_rate").asDouble());
        result.put("accuracy", greedyResult.path("accuracy").asDouble());
        result.put("no_answer_rate", greedyResult.path("no_answer_rate").asDouble());
        result.put("greedy_completion_tokens", greedyResult.path("mean_completion_tokens").asDouble());
        System.out.printf("  greedy accuracy %.1f%% (no answer %.1f%%); sampled: accuracy %.1f%% (no answer %.1f%%),"
                + " pass@k %s%n", 100 * result.path("accuracy").asDouble(),
                100 * result.path("no_answer_rate").asDouble(), 100 * result.path("sampled_accuracy").asDouble(),
                100 * result.path("sampled_no_answer_rate").asDouble(), result.path("pass_at_k"));
        result.remove("per_problem");
        return result;
    }

    private static EvalCommand evalCommand(String model, Path testFile, double temperature, List<Integer> ks) {
        EvalCommand eval = new EvalCommand();
        eval.model = model;
        eval.input = testFile;
        eval.ks = new ArrayList<>(ks);
        eval.evaluator = "count_latter";
        eval.promptPrefix = "";
        eval.temperature = temperature;
        eval.topP = 1.0;
        eval.maxTokens = 800;
        eval.concurrency = 2;
        return eval;
    }

    private String tables(Map<String, ObjectNode> sft, Map<String, ObjectNode> dpo, Instant started) {
        StringBuilder text = new StringBuilder();
        text.append("Marco-o1 v2 in miniature: letter counting, ").append(trainProblems).append(" training problems, ")
                .append(testProblems).append(" held-out words; accuracy from one greedy answer per word, pass@k from ")
                .append(samples).append(" samples per word at temperature ").append(temperature).append("; ")
                .append(Duration.between(started, Instant.now()).toMinutes()).append(" min on this machine.\n\n");
        text.append("Table A (cf. the paper's Table 4): SFT data. Accuracy (no-answer rate).\n\n");
        text.append("| model | accuracy (no answer) | sampled accuracy (no answer) | mean output tokens | restart"
                + " markers |\n|---|---|---|---|---|\n");
        sft.forEach((name, r) -> text.append(String.format("| %s | %.1f%% (%.1f%%) | %.1f%% (%.1f%%) | %.0f | %.1f |%n",
                name, 100 * r.path("accuracy").asDouble(), 100 * r.path("no_answer_rate").asDouble(),
                100 * r.path("sampled_accuracy").asDouble(), 100 * r.path("sampled_no_answer_rate").asDouble(),
                r.path("mean_completion_tokens").asDouble(), r.path("mean_restart_markers").asDouble())));
        text.append("\nTable B (cf. Tables 5-7): DPO from the MCTS SFT model, each row adding to the one above.\n\n");
        StringBuilder header = new StringBuilder("| model | accuracy (no answer) | sampled (no answer) |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        List<String> ks = new ArrayList<>();
        dpo.values().iterator().next().path("pass_at_k").fieldNames().forEachRemaining(ks::add);
        for (String k : ks) {
            header.append(" pass@").append(k).append(" |");
            rule.append("---|");
        }
        text.append(header).append('\n').append(rule).append('\n');
        dpo.forEach((name, r) -> {
            text.append(String.format("| %s | %.1f%% (%.1f%%) | %.1f%% (%.1f%%) |", name,
                    100 * r.path("accuracy").asDouble(), 100 * r.path("no_answer_rate").asDouble(),
                    100 * r.path("sampled_accuracy").asDouble(), 100 * r.path("sampled_no_answer_rate").asDouble()));
            for (String k : ks) {
                text.append(String.format(" %.1f%% |", 100 * r.path("pass_at_k").path(k).asDouble()));
            }
            text.append('\n');
        });
        return text.toString();
    }
}
