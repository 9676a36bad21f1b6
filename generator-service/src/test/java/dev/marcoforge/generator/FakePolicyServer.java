package dev.marcoforge.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.marcoforge.contracts.MessageCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny model server inside the test: OpenAI chat completions under {@code /v1} and the Marco-o1 reference protocol
 * at {@code /ref/generate}. It answers with canned text chosen by the open tag the assistant prefix ends in, and
 * records every request so tests can check what the generator asked for. Asked for {@code logprobs}, it gives every
 * whitespace-separated token probability {@link #TOKEN_PROBABILITY} among top candidates summing to 1, so each
 * token's normalised confidence is exactly that.
 */
public final class FakePolicyServer implements AutoCloseable {

    /** A request as received: the path and the JSON body. */
    public record Received(String path, JsonNode body) {
    }

    private static final Pattern OPEN_TAG = Pattern.compile("<([A-Za-z0-9_.:-]+)>");
    private static final Map<String, String> CANNED = Map.of(
            "sub-task", " Spell the word letter by letter.\n- 2. Count the asked letters.",
            "thinking", " s-t-r-a-i-g-h-t-w-i-s-e: r appears 1 time, i appears 2 times, 3 in total.",
            "double-check", " The spelling and the sum are right.",
            "answer", " \\boxed{3}",
            // A config may rename the answer tag (marco_forge.tags); the tests use "final".
            "final", " \\boxed{3}");

    public static final double TOKEN_PROBABILITY = 0.8;

    /** A request mentioning this is answered 400, as a server that rejects a parameter would. */
    public static final String REJECT = "[reject]";
    /** The first two requests mentioning this are answered 503, as an overloaded server would. */
    public static final String FLAKY = "[flaky]";

    private final java.util.concurrent.atomic.AtomicInteger flakyFailures = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakePolicyServer() throws IOException {
        this(0);
    }

    /** A server on {@code port} (0: any free one). */
    public FakePolicyServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, this::chat));
        server.createContext("/ref/generate", exchange -> answer(exchange, this::generate));
        server.start();
    }

    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String referenceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ref/generate";
    }

    /** The requests whose body mentions {@code marker} (a question, say), in arrival order. */
    public List<Received> requestsMentioning(String marker) {
        return received.stream().filter(r -> r.body().toString().contains(marker)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, java.util.function.Function<JsonNode, JsonNode> handler)
            throws IOException {
        try (exchange) {
            JsonNode body = MessageCodec.mapper().readTree(exchange.getRequestBody());
            received.add(new Received(exchange.getRequestURI().getPath(), body));
            String text = body.toString();
            if (text.contains(REJECT)) {
                reply(exchange, 400, "{\"error\": {\"message\": \"unsupported parameter\"}}");
            } else if (text.contains(FLAKY) && flakyFailures.incrementAndGet() <= 2) {
                reply(exchange, 503, "{\"error\": {\"message\": \"overloaded\"}}");
            } else {
                reply(exchange, 200, MessageCodec.encode(handler.apply(body)));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
    }

    private JsonNode chat(JsonNode request) {
        JsonNode messages = request.get("messages");
        String prefix = messages.get(messages.size() - 1).get("content").asText();
        ObjectNode response = MessageCodec.mapper().createObjectNode();
        response.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", request.path("model").asText());
        ArrayNode choices = response.putArray("choices");
        for (int i = 0; i < request.path("n").asInt(1); i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i).put("finish_reason", "stop");
            String content = cannedFor(prefix);
            choice.putObject("message").put("role", "assistant").put("content", content);
            if (request.path("logprobs").asBoolean(false)) {
                ArrayNode tokens = choice.putObject("logprobs").putArray("content");
                for (String token : content.trim().split("\\s+")) {
                    ObjectNode entry = tokens.addObject().put("token", token)
                            .put("logprob", Math.log(TOKEN_PROBABILITY));
                    ArrayNode top = entry.putArray("top_logprobs");
                    top.addObject().put("token", token).put("logprob", Math.log(TOKEN_PROBABILITY));
                    top.addObject().put("token", "x").put("logprob", Math.log((1 - TOKEN_PROBABILITY) / 2));
                    top.addObject().put("token", "y").put("logprob", Math.log((1 - TOKEN_PROBABILITY) / 2));
                }
            }
        }
        return response;
    }

    private JsonNode generate(JsonNode request) {
        ObjectNode response = MessageCodec.mapper().createObjectNode();
        ArrayNode texts = response.putArray("response");
        for (int i = 0; i < request.path("n").asInt(1); i++) {
            texts.add(cannedFor(request.get("model_output").asText()));
        }
        return response;
    }

    private static String cannedFor(String assistantPrefix) {
        Matcher m = OPEN_TAG.matcher(assistantPrefix);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return CANNED.getOrDefault(last, " ok.");
    }
}
