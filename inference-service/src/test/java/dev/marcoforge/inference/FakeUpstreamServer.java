package dev.marcoforge.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in OpenAI-compatible upstream inside the test JVM. It records every call ({@code GET /__calls}) and the
 * most calls it ever had in flight per upstream model ({@code GET /__stats}); tests read both over HTTP, since
 * test and resource may live in different class loaders. Upstream models named {@code slow-upstream*} answer
 * after 600 ms; markers in the last user message pick other behaviours: {@code [status:N]}, {@code [slow:ms]},
 * {@code [stream-error]}.
 */
public class FakeUpstreamServer implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "test-upstream-key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS = Pattern.compile("\\[status:(\\d{3})]");
    private static final Pattern SLOW = Pattern.compile("\\[slow:(\\d+)]");

    private HttpServer server;
    private ExecutorService executor;
    private final CopyOnWriteArrayList<ObjectNode> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        Map<String, String> config = new HashMap<>();
        config.put("marco.inference.models.marco-sandbox.base-url", base);
        config.put("marco.inference.models.marco-sandbox.api-key", API_KEY);
        config.put("marco.inference.models.marco-sandbox.timeout", "2s");
        config.put("marco.inference.models.narrow.base-url", base);
        config.put("marco.inference.models.narrow.upstream-model", "slow-upstream-narrow");
        config.put("marco.inference.models.narrow.max-concurrency", "1");
        config.put("marco.inference.models.wide.base-url", base);
        config.put("marco.inference.models.wide.upstream-model", "slow-upstream-wide");
        config.put("marco.inference.models.wide.max-concurrency", "4");
        config.put("marco.inference.models.dead.base-url", "http://127.0.0.1:" + freePort() + "/v1");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/__calls")) {
                ArrayNode all = JSON.createArrayNode();
                calls.forEach(all::add);
                respond(exchange, 200, all);
                return;
            }
            if (exchange.getRequestMethod().equals("GET") && path.equals("/__stats")) {
                ObjectNode stats = JSON.createObjectNode();
                maxInFlight.forEach((model, max) -> stats.putObject(model).put("maxInFlight", max.get()));
                respond(exchange, 200, stats);
                return;
            }
            boolean text = path.equals("/v1/completions");
            if (!path.equals("/v1/chat/completions") && !text) {
                respond(exchange, 404, error(404, "no route " + path));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            ObjectNode call = JSON.createObjectNode();
            call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            call.put("path", path);
            call.set("body", body);
            calls.add(call);
            String model = body.path("model").asText();
            int now = inFlight.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
            maxInFlight.computeIfAbsent(model, m -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                chat(exchange, model, body, text);
            } finally {
                inFlight.get(model).decrementAndGet();
            }
        } catch (Exception e) {
            try {
                respond(exchange, 500, error(500, "fake upstream failed: " + e));
            } catch (IOException ignored) {
                // the response had already started
            }
        }
    }

    /** {@code text}: a legacy {@code /completions} call, whose prompt is the question and choices carry text. */
    private void chat(HttpExchange exchange, String model, JsonNode body, boolean text) throws Exception {
        String question = text ? body.path("prompt").asText() : "";
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                question = message.path("content").asText();
            }
        }
        var status = STATUS.matcher(question);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            respond(exchange, code, error(code, "fake says no (" + code + ")"));
            return;
        }
        var slow = SLOW.matcher(question);
        if (slow.find()) {
            Thread.sleep(Long.parseLong(slow.group(1)));
        }
        if (model.startsWith("slow-upstream")) {
            Thread.sleep(600);
        }
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, model, body, question.contains("[stream-error]"), text);
            return;
        }
        ArrayNode choices = JSON.createArrayNode();
        // Highest index first, so the service has to order the choices itself.
        for (int i = body.path("n").asInt(1) - 1; i >= 0; i--) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            if (text) {
                choice.put("text", "echo " + i + ": " + question);
            } else {
                choice.putObject("message").put("role", "assistant").put("content", "echo " + i + ": " + question);
            }
            choice.put("finish_reason", i == 0 ? "stop" : "length");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "chatcmpl-fake");
        answer.put("object", "chat.completion");
        answer.put("model", model);
        answer.set("choices", choices);
        answer.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7).put("total_tokens", 18);
        respond(exchange, 200, answer);
    }

    private void stream(HttpExchange exchange, String model, JsonNode body, boolean breakOff, boolean text)
            throws Exception {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (!text) {
            event(out, chunk(model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        }
        String[] pieces = { "Hel", "lo", " world" };
        for (int i = 0; i < pieces.length; i++) {
            event(out, text ? textChunk(model, pieces[i])
                    : chunk(model, JSON.createObjectNode().put("content", pieces[i]), null));
            if (breakOff && i == 1) {
                event(out, JSON.writeValueAsString(error(500, "the engine died")));
                return;
            }
            Thread.sleep(20);
        }
        event(out, chunk(model, JSON.createObjectNode(), "stop"));
        if (body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = JSON.createObjectNode();
            usage.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("model", model);
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", 5).put("completion_tokens", 3).put("total_tokens", 8);
            event(out, JSON.writeValueAsString(usage));
        }
        event(out, "[DONE]");
    }

    private static String chunk(String model, ObjectNode delta, String finishReason) throws IOException {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return JSON.writeValueAsString(chunk);
    }

    private static String textChunk(String model, String text) throws IOException {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "cmpl-fake").put("object", "text_completion").put("model", model);
        chunk.putArray("choices").addObject().put("index", 0).put("text", text).putNull("finish_reason");
        return JSON.writeValueAsString(chunk);
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode error(int status, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", "fake_error").put("code", "fake_" + status);
        return error;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
