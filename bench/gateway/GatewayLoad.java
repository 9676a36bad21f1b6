import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load on sandbox-llm directly and through the gateway (HTTP -> Kafka -> inference-service -> sandbox-llm
 * -> Kafka -> HTTP) with the same body, at fixed request rates; prints p50/p99 of each and the difference, which is
 * what the gateway and Kafka add. For streams, the time to the first token (first event with text).
 * Usage: java GatewayLoad.java <sandboxBaseUrl> <gatewayBaseUrl> <apiKey> <seconds per run> <rates...>
 */
public class GatewayLoad {

    static final String BODY = "{\"model\": \"%s\", \"max_tokens\": 16, %s\"messages\": [{\"role\": \"user\","
            + " \"content\": \"How many r are there in strawberry?\"}]}";

    record Target(String name, String url, String model, String key) {
    }

    public static void main(String[] args) throws Exception {
        String sandbox = args[0];
        String gateway = args[1];
        String key = args[2];
        int seconds = Integer.parseInt(args[3]);
        List<Integer> rates = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
        Target direct = new Target("sandbox-llm directly", sandbox + "/chat/completions", "sandbox-policy", null);
        Target viaGateway = new Target("gateway + Kafka", gateway + "/chat/completions", "marco-sandbox", key);

        System.out.println("warming up (JIT, connections, Kafka) ...");
        run(client, direct, 50, 5, false);
        run(client, viaGateway, 50, 5, false);

        System.out.printf("%n%-24s %6s %8s %9s %9s %9s %7s%n", "non-stream", "req/s", "sent", "p50 ms", "p99 ms",
                "max ms", "errors");
        List<String> added = new ArrayList<>();
        for (int rate : rates) {
            Result d = run(client, direct, rate, seconds, false);
            Result g = run(client, viaGateway, rate, seconds, false);
            print(direct.name(), rate, d);
            print(viaGateway.name(), rate, g);
            added.add(String.format("%-24s %6d %9s %9.2f %9.2f", "added by gateway+Kafka", rate, "",
                    g.p(50) - d.p(50), g.p(99) - d.p(99)));
        }
        System.out.printf("%n%-24s %6s %9s %9s %9s%n", "", "req/s", "", "p50 ms", "p99 ms");
        added.forEach(System.out::println);

        System.out.printf("%n%-24s %6s %8s %9s %9s %9s %7s%n", "stream: time to 1st token", "req/s", "sent",
                "p50 ms", "p99 ms", "max ms", "errors");
        int streamRate = 20;
        Result ds = run(client, direct, streamRate, seconds, true);
        Result gs = run(client, viaGateway, streamRate, seconds, true);
        print(direct.name(), streamRate, ds);
        print(viaGateway.name(), streamRate, gs);
        System.out.printf("%-24s %6d %8s %9.2f %9.2f%n", "added by gateway+Kafka", streamRate, "",
                gs.p(50) - ds.p(50), gs.p(99) - ds.p(99));
        System.exit(0);
    }

    static void print(String name, int rate, Result r) {
        System.out.printf("%-24s %6d %8d %9.2f %9.2f %9.2f %7d%n", name, rate, r.sent, r.p(50), r.p(99), r.max(),
                r.errors);
    }

    record Result(List<Double> millis, int sent, int errors) {
        double p(double percentile) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * millis.size()) - 1;
            return millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
        }

        double max() {
            return millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1);
        }
    }

    /** Sends at a fixed rate whatever the answers do (open loop), so slow answers do not hide queueing. */
    static Result run(HttpClient client, Target target, int rate, int seconds, boolean stream) throws Exception {
        String body = String.format(BODY, target.model(), stream ? "\"stream\": true, " : "");
        var latencies = new ConcurrentLinkedQueue<Double>();
        var errors = new AtomicInteger();
        var futures = new ConcurrentLinkedQueue<CompletableFuture<?>>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        var sent = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        var done = new CompletableFuture<Void>();
        ticker.scheduleAtFixedRate(() -> {
            if (sent.getAndIncrement() >= total) {
                done.complete(null);
                return;
            }
            var builder = HttpRequest.newBuilder(URI.create(target.url())).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (target.key() != null) {
                builder.header("Authorization", "Bearer " + target.key());
            }
            long start = System.nanoTime();
            futures.add(client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .thenAccept(response -> {
                        try (InputStream in = response.body()) {
                            if (response.statusCode() != 200) {
                                in.readAllBytes();
                                errors.incrementAndGet();
                                return;
                            }
                            if (stream) {
                                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                                String line;
                                boolean first = true;
                                while ((line = reader.readLine()) != null) {
                                    if (first && line.startsWith("data: ") && (line.contains("\"content\":\"")
                                            && !line.contains("\"content\":\"\"") || line.contains(
                                                    "\"reasoning_content\":\""))) {
                                        latencies.add((System.nanoTime() - start) / 1e6);
                                        first = false;
                                    }
                                }
                            } else {
                                in.readAllBytes();
                                latencies.add((System.nanoTime() - start) / 1e6);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }).exceptionally(e -> {
                        errors.incrementAndGet();
                        return null;
                    }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.get(seconds + 30L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted, total, errors.get());
    }
}
