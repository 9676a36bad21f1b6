package dev.marcoforge.critic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in critic model server inside the test JVM: OpenAI chat completions under {@code /v1} and the Marco-o1
 * reference protocol under {@code /ref/generate}. It records every call, which tests read back over HTTP at
 * {@code GET /__calls} (test and resource may live in different class loaders, so no shared objects). Markers in
 * the user message pick a behaviour: {@code [status:N]}, {@code [flaky]} (503 the first time), {@code [slow]},
 * {@code [empty]}.
 */
public class FakeCriticModelServer implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "test-critic-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private ExecutorService executor;
    private final CopyOnWriteArrayList<ObjectNode> calls = new CopyOnWriteArrayList<>();
    private final Set<String> flakySeen = ConcurrentHashMap.newKeySet();

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
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("marco.critic.base-url", base + "/v1", "marco.critic.api-key", API_KEY,
                "marco.critic.timeout", "2s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
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
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            ObjectNode call = JSON.createObjectNode();
            call.put("path", path);
            call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            call.set("body", body);
            calls.add(call);
            if (path.equals("/v1/chat/completions")) {
                chat(exchange, body);
            } else if (path.equals("/ref/generate")) {
                generate(exchange, body);
            } else {
                respond(exchange, 404, error("no route " + path));
            }
        } catch (Exception e) {
            respond(exchange, 500, error("fake server failed: " + e));
        }
    }

    private void chat(HttpExchange exchange, JsonNode body) throws Exception {
        String question = "";
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                question = message.path("content").asText();
            }
        }
        var status = java.util.regex.Pattern.compile("\\[status:(\\d{3})]").matcher(question);
        if (status.find()) {
            respond(exchange, Integer.parseInt(status.group(1)), error("fake says no (" + status.group(1) + ")"));
            return;
        }
        if (question.contains("[flaky]") && flakySeen.add(question)) {
            respond(exchange, 503, error("warming up"));
            return;
        }
        if (question.contains("[slow]")) {
            Thread.sleep(5_000);
        }
        ArrayNode choices = JSON.createArrayNode();
        if (!question.contains("[empty]")) {
            // Highest index first, so the service has to order the choices itself.
            for (int i = body.path("n").asInt(1) - 1; i >= 0; i--) {
                ObjectNode choice = choices.addObject();
                choice.put("index", i);
                choice.putObject("message").put("role", "assistant").put("content", "critique-" + i);
                choice.put("finish_reason", "stop");
                if (body.path("logprobs").asBoolean(false)) {
                    // Two tokens: the first chosen at 0.5 beside one 0.5 rival, the second sure (the only one).
                    ArrayNode tokens = choice.putObject("logprobs").putArray("content");
                    ObjectNode first = tokens.addObject().put("token", "critique").put("logprob", Math.log(0.5));
                    first.putArray("top_logprobs").add(JSON.createObjectNode().put("token", "critique")
                            .put("logprob", Math.log(0.5))).add(JSON.createObjectNode().put("token", "note")
                            .put("logprob", Math.log(0.5)));
                    tokens.addObject().put("token", "-" + i).put("logprob", 0.0).putArray("top_logprobs")
                            .add(JSON.createObjectNode().put("token", "-" + i).put("logprob", 0.0));
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "chatcmpl-fake");
        answer.put("object", "chat.completion");
        answer.put("model", body.path("model").asText());
        answer.set("choices", choices);
        respond(exchange, 200, answer);
    }

    private void generate(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode texts = answer.putArray("response");
        for (int i = 0; i < body.path("n").asInt(1); i++) {
            texts.add("reference-" + i);
        }
        respond(exchange, 200, answer);
    }

    private static ObjectNode error(String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", "fake_error");
        return error;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
