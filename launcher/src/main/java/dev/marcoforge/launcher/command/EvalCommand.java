package dev.marcoforge.launcher.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.launcher.client.Http;
import dev.marcoforge.launcher.evaluation.EvalMetrics;
import dev.marcoforge.launcher.generation.ProblemFile;
import dev.marcoforge.launcher.generation.ProgressBar;
import dev.marcoforge.launcher.platform.GatewayAdminSecret;
import dev.marcoforge.launcher.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./marco eval}: samples a served model through the gateway's {@code /v1/chat/completions} like any client,
 * judges every answer with the verifier's evaluators ({@code /api/verify}), and prints accuracy (with the no-answer
 * rate), pass@k from n samples, the mean output length and restart markers; {@code --out} writes them as JSON.
 */
@Command(name = "eval", description = "Evaluate a served model on a problem file: accuracy, pass@k, no-answer rate,"
        + " output length, restart markers.")
public class EvalCommand implements Callable<Integer> {

    private static final int MAX_N_PER_REQUEST = 16;

    @Option(names = "--model", required = true, description = "the served model to call")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "problems: [{id, problem,"
            + " solution}] (the Marco-o1 data format) or JSON lines")
    Path input;

    @Option(names = "--k", split = ",", defaultValue = "1", description = "the k of pass@k (default ${DEFAULT-VALUE})")
    List<Integer> ks;

    @Option(names = "--samples", description = "answers per problem (default: the largest k)")
    Integer samples;

    @Option(names = "--evaluator", defaultValue = "count_latter", description = "the verifier's evaluator (default"
            + " ${DEFAULT-VALUE})")
    String evaluator;

    @Option(names = "--prompt-prefix", defaultValue = "", description = "text put before each problem")
    String promptPrefix;

    @Option(names = "--temperature", defaultValue = "1.0")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0")
    double topP;

    @Option(names = "--max-tokens", defaultValue = "512")
    int maxTokens;

    @Option(names = "--seed", description = "sampling seed (per problem: seed + problem index)")
    Long seed;

    @Option(names = "--limit", description = "evaluate the first N problems only")
    Integer limit;

    @Option(names = "--concurrency", defaultValue = "2", description = "requests in flight (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--key", description = "an API key (default: a temporary key made with the admin secret)")
    String key;

    @Option(names = "--out", paramLabel = "FILE", description = "write the results as JSON")
    Path out;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        String gateway = platform.service("trainer-gateway").url();
        String verifier = platform.service("verifier-service").url();
        ArrayNode problems = ProblemFile.read(input);
        int count = limit == null ? problems.size() : Math.min(limit, problems.size());
        int n = samples != null ? samples : new TreeSet<>(ks).last();
        for (int k : ks) {
            if (k < 1 || k > n) {
                throw new IllegalArgumentException("--k " + k + " needs 1 <= k <= samples (" + n + ")");
            }
        }
        String apiKey = key;
        String temporaryKeyId = null;
        String secret = null;
        if (apiKey == null) {
            secret = GatewayAdminSecret.read(platform.layout());
            Http.Response created = Http.postJson(gateway + "/admin/keys", Map.of("name", "marco-eval"), secret);
            if (!created.ok()) {
                throw new IllegalStateException("cannot make an API key for the evaluation: " + created.status() + " "
                        + created.body());
            }
            apiKey = created.json().path("key").asText();
            temporaryKeyId = created.json().path("id").asText();
        }
        try {
            ObjectNode results = evaluate(gateway, verifier, apiKey, problems, count, n);
            print(results);
            if (out != null) {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
                System.out.println("results: " + out);
            }
            return 0;
        } finally {
            if (temporaryKeyId != null) {
                Http.delete(gateway + "/admin/keys/" + temporaryKeyId, secret);
            }
        }
    }

    ObjectNode evaluate(String gateway, String verifier, String apiKey, ArrayNode problems, int count, int n)
            throws Exception {
        ProgressBar bar = quiet ? null : new ProgressBar(System.err, count);
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
        List<Future<ObjectNode>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode problem = problems.get(i);
            int index = i;
            futures.add(pool.submit(() -> {
                ObjectNode result = problem(gateway, verifier, apiKey, problem, index, n);
                int done = finished.incrementAndGet();
                if (bar != null) {
                    synchronized (bar) {
                        bar.show(done, "problems");
                    }
                }
                return result;
            }));
        }
        List<ObjectNode> perProblem = new ArrayList<>();
        try {
            for (Future<ObjectNode> future : futures) {
                perProblem.add(future.get());
            }
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.finish();
            }
        }
        return summary(perProblem, n);
    }

    private ObjectNode problem(String gateway, String verifier, String apiKey, JsonNode problem, int index, int n)
            throws IOException {
        String question = problem.has("problem") ? problem.path("problem").asText() : problem.path("question")
                .asText();
        JsonNode truth = problem.has("solution") ? problem.get("solution") : problem.get("answer");
        if (question.isBlank() || truth == null) {
            throw new IllegalArgumentException("problem " + index + " of " + input + " needs 'problem' and 'solution'");
        }
        int correct = 0;
        int noAnswer = 0;
        long tokens = 0;
        int markers = 0;
        int drawn = 0;
        List<String> firstOutputs = new ArrayList<>();
        while (drawn < n) {
            int batch = Math.min(MAX_N_PER_REQUEST, n - drawn);
            ObjectNode body = MessageCodec.mapper().createObjectNode();
            body.put("model", model);
            body.putArray("messages").addObject().put("role", "user").put("content", promptPrefix + question);
            body.put("n", batch);
            body.put("temperature", temperature);
            body.put("top_p", topP);
            body.put("max_tokens", maxTokens);
            if (seed != null) {
                body.put("seed", seed + index * 1000L + drawn);
            }
            // The raw text: the judge and the markers need the whole output, thoughts included.
            body.put("reasoning_parser", "none");
            Http.Response response = Http.postJson(gateway + "/v1/chat/completions", body, apiKey);
            if (!response.ok()) {
                throw new IllegalStateException("the gateway answered " + response.status() + " for problem "
                        + index + ": " + response.body());
            }
            JsonNode completion = response.json();
            tokens += completion.at("/usage/completion_tokens").asLong();
            for (JsonNode choice : completion.path("choices")) {
                String text = choice.at("/message/content").asText("");
                if (firstOutputs.size() < 2) {
                    firstOutputs.add(text);
                }
                markers += EvalMetrics.restartMarkers(text);
                if (!EvalMetrics.hasAnswer(text)) {
                    noAnswer++;
                    continue;
                }
                Http.Response verdict = Http.postJson(verifier + "/api/verify", Map.of("evaluator", evaluator,
                        "answer", EvalMetrics.answerPart(text), "groundTruth", truth), null);
                if (!verdict.ok()) {
                    throw new IllegalStateException("the verifier answered " + verdict.status() + ": "
                            + verdict.body());
                }
                if (verdict.json().path("correct").asBoolean()) {
                    correct++;
                }
            }
            drawn += batch;
        }
        ObjectNode result = MessageCodec.mapper().createObjectNode();
        result.put("id", problem.path("id").asText(String.valueOf(index)));
        result.put("samples", n);
        result.put("correct", correct);
        result.put("no_answer", noAnswer);
        result.put("completion_tokens", tokens);
        result.put("restart_markers", markers);
        ArrayNode examples = result.putArray("example_outputs");
        firstOutputs.forEach(examples::add);
        return result;
    }

    private ObjectNode summary(List<ObjectNode> perProblem, int n) {
        long outputs = (long) perProblem.size() * n;
        long correct = perProblem.stream().mapToLong(p -> p.path("correct").asLong()).sum();
        long noAnswer = perProblem.stream().mapToLong(p -> p.path("no_answer").asLong()).sum();
        long tokens = perProblem.stream().mapToLong(p -> p.path("completion_tokens").asLong()).sum();
        long markers = perProblem.stream().mapToLong(p -> p.path("restart_markers").asLong()).sum();
        List<int[]> counts = perProblem.stream().map(p -> new int[] {n, p.path("correct").asInt()}).toList();
        ObjectNode results = MessageCodec.mapper().createObjectNode();
        results.put("model", model);
        results.put("input", input.toString());
        results.put("problems", perProblem.size());
        results.put("samples_per_problem", n);
        results.put("temperature", temperature);
        results.put("evaluator", evaluator);
        results.put("accuracy", outputs == 0 ? 0 : (double) correct / outputs);
        results.put("no_answer_rate", outputs == 0 ? 0 : (double) noAnswer / outputs);
        ObjectNode passAtK = results.putObject("pass_at_k");
        for (int k : new TreeSet<>(ks)) {
            passAtK.put(String.valueOf(k), EvalMetrics.meanPassAtK(counts, k));
        }
        results.put("mean_completion_tokens", outputs == 0 ? 0 : (double) tokens / outputs);
        results.put("mean_restart_markers", outputs == 0 ? 0 : (double) markers / outputs);
        ArrayNode list = results.putArray("per_problem");
        perProblem.forEach(list::add);
        return results;
    }

    private static void print(ObjectNode results) {
        System.out.printf("model %s on %s: %d problems, %d samples each, temperature %s%n",
                results.path("model").asText(), results.path("input").asText(), results.path("problems").asInt(),
                results.path("samples_per_problem").asInt(), results.path("temperature").asText());
        System.out.printf("  accuracy        %5.1f%%  (no answer %.1f%%)%n", 100 * results.path("accuracy").asDouble(),
                100 * results.path("no_answer_rate").asDouble());
        results.path("pass_at_k").fields().forEachRemaining(e -> System.out.printf("  pass@%-10s %5.1f%%%n",
                e.getKey(), 100 * e.getValue().asDouble()));
        System.out.printf("  mean output     %.1f tokens, %.2f restart markers%n",
                results.path("mean_completion_tokens").asDouble(), results.path("mean_restart_markers").asDouble());
    }
}
