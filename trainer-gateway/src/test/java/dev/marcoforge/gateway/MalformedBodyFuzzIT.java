package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Sends 1,200 malformed bodies, built from a fixed seed, to both completion endpoints: each must get a 4xx with an
 * OpenAI error body, never a 5xx. Each body is broken on purpose in one way (invalid JSON, a wrong type, a missing
 * field, a value out of range or huge, no JSON object at all, or a wrong content type), so none may succeed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(ApiTestSettings.class)
class MalformedBodyFuzzIT {

    private static final long SEED = 20261126L;
    private static final int BODIES = 1200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random = new Random(SEED);

    private record Case(String path, String contentType, byte[] body, String description) {
    }

    @Test
    void everyMalformedBodyGetsA4xxJsonError() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        String key = TestKeys.unlimited("fuzz");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var statuses = new TreeMap<Integer, Integer>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            Case c = next();
            var builder = HttpRequest.newBuilder(URI.create(OpenAiStreamingIT.baseUrl() + c.path()))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (c.contentType() != null) {
                builder.header("Content-Type", c.contentType());
            }
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = check(response);
            if (problem != null) {
                failures.add("#" + i + " " + c.description() + " -> " + response.statusCode() + " " + problem + ": "
                        + abbreviate(response.body()));
            }
        }
        // And one body over the size limit, refused before it is parsed.
        byte[] huge = ("{\"model\": \"marco-sandbox\", \"prompt\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = client.send(HttpRequest.newBuilder(URI.create(OpenAiStreamingIT.baseUrl()
                + "/v1/completions")).header("Authorization", "Bearer " + key).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(check(tooLarge)).as(tooLarge.body()).isNull();
        assertThat(failures).as("statuses " + statuses).isEmpty();
        assertThat(statuses.keySet()).as("the fuzz reaches several kinds of rejection").contains(400, 404, 415);
    }

    private static String check(HttpResponse<String> response) {
        if (response.statusCode() < 400 || response.statusCode() > 499) {
            return "not a 4xx";
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON";
        }
        try {
            JsonNode error = MessageCodec.mapper().readTree(response.body()).path("error");
            return error.path("message").asText("").isBlank() || !error.has("type") ? "no OpenAI error" : null;
        } catch (Exception e) {
            return "unparseable body";
        }
    }

    private Case next() {
        boolean chat = random.nextInt(4) != 0;
        String path = chat ? "/v1/chat/completions" : "/v1/completions";
        ObjectNode valid = chat ? validChat() : validCompletion();
        int kind = random.nextInt(7);
        return switch (kind) {
            case 0 -> truncated(path, valid);
            case 1 -> wrongType(path, valid, chat);
            case 2 -> missing(path, valid, chat);
            case 3 -> outOfRange(path, valid);
            case 4 -> notAnObject(path);
            case 5 -> wrongContentType(path, valid);
            default -> brokenMessages(path, valid, chat);
        };
    }

    private ObjectNode validChat() {
        ObjectNode body = NODES.objectNode().put("model", "marco-sandbox");
        body.putArray("messages").addObject().put("role", "user").put("content", "How many r in strawberry?");
        if (random.nextBoolean()) {
            body.put("stream", true);
        }
        if (random.nextBoolean()) {
            body.put("temperature", 0.7);
        }
        return body;
    }

    private ObjectNode validCompletion() {
        ObjectNode body = NODES.objectNode().put("model", "marco-sandbox").put("prompt", "Once upon a time");
        if (random.nextBoolean()) {
            body.put("stream", true);
        }
        return body;
    }

    /** A proper prefix of a JSON object is never valid JSON. */
    private Case truncated(String path, ObjectNode valid) {
        byte[] json = valid.toString().getBytes(StandardCharsets.UTF_8);
        int cut = 1 + random.nextInt(json.length - 1);
        byte[] body = java.util.Arrays.copyOf(json, cut);
        return new Case(path, "application/json", body, "truncated at " + cut);
    }

    private Case wrongType(String path, ObjectNode body, boolean chat) {
        String[] fields = chat
                ? new String[] {"model", "messages", "temperature", "top_p", "n", "max_tokens", "max_completion_tokens",
                    "stop", "seed", "stream", "user", "reasoning_parser"}
                : new String[] {"model", "prompt", "temperature", "top_p", "n", "max_tokens", "stop", "seed", "stream",
                    "user"};
        String field = fields[random.nextInt(fields.length)];
        JsonNode value = wrongValueFor(field);
        body.set(field, value);
        return json(path, body, "wrong type " + field + "=" + abbreviate(value.toString()));
    }

    private JsonNode wrongValueFor(String field) {
        List<Supplier<JsonNode>> options = new ArrayList<>();
        boolean numeric = List.of("temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "seed")
                .contains(field);
        if (!numeric) {
            options.add(() -> NODES.numberNode(random.nextInt(1000) - 500));
            options.add(() -> NODES.numberNode(random.nextDouble() * 1e6));
        }
        if (numeric || field.equals("stream")) {
            options.add(() -> NODES.textNode("12"));
        }
        if (!field.equals("stream")) {
            options.add(() -> NODES.booleanNode(random.nextBoolean()));
        }
        options.add(() -> NODES.objectNode().put("x", 1));
        if (!field.equals("stop") && !field.equals("messages")) {
            options.add(() -> NODES.arrayNode().add(1).add("two"));
        }
        if (field.equals("stop") || field.equals("messages")) {
            options.add(() -> NODES.arrayNode().add(random.nextInt()).add(NODES.objectNode()));
        }
        if (field.equals("prompt")) {
            options.add(() -> NODES.arrayNode().add("a").add("b"));
        }
        if (field.equals("model") || field.equals("user") || field.equals("reasoning_parser")) {
            options.add(() -> NODES.arrayNode());
        }
        return options.get(random.nextInt(options.size())).get();
    }

    private Case missing(String path, ObjectNode body, boolean chat) {
        String field = random.nextBoolean() ? "model" : (chat ? "messages" : "prompt");
        body.remove(field);
        if (random.nextBoolean()) {
            body.putNull(field);
        }
        return json(path, body, "missing " + field);
    }

    private Case outOfRange(String path, ObjectNode body) {
        switch (random.nextInt(10)) {
            case 0 -> body.put("temperature", 2.0001 + random.nextDouble() * 1e300);
            case 1 -> body.put("top_p", random.nextBoolean() ? 0 : 1 + random.nextDouble() * 1e9);
            case 2 -> body.put("n", 17 + (long) (random.nextDouble() * 1e15));
            case 3 -> body.put("max_tokens", random.nextBoolean() ? -random.nextInt(1000) : 1e30);
            case 4 -> body.put("seed", new java.math.BigInteger(200, random));
            case 5 -> {
                ArrayNode stop = body.putArray("stop");
                for (int i = 0; i < 5 + random.nextInt(50); i++) {
                    stop.add("s" + i);
                }
            }
            case 6 -> body.put("model", "x".repeat(1 + random.nextInt(200_000)));
            case 7 -> body.put("n", -random.nextInt(100));
            case 8 -> body.put("temperature", -1e-9 - random.nextDouble() * 1e10);
            default -> body.put("max_completion_tokens", 0.5 + random.nextInt(10));
        }
        return json(path, body, "out of range " + abbreviate(body.toString()));
    }

    private Case notAnObject(String path) {
        String[] bodies = {"[]", "[1,2,3]", "\"text\"", "42", "null", "true", "", "   ", "\u0000\u0001\u0002",
            "{\"model\": \"marco-sandbox\"} trailing", "{'model': 'single quotes'}", "{\"a\":1,}",
            "NaN", "{\"model\": \"marco-sandbox\", \"messages\": [\"x\"]"};
        String body = bodies[random.nextInt(bodies.length)];
        if (random.nextInt(10) == 0) {
            byte[] noise = new byte[1 + random.nextInt(2000)];
            random.nextBytes(noise);
            noise[0] = '#';
            return new Case(path, "application/json", noise, "random bytes");
        }
        return new Case(path, "application/json", body.getBytes(StandardCharsets.UTF_8),
                "not an object: " + abbreviate(body));
    }

    private Case wrongContentType(String path, ObjectNode valid) {
        String[] types = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", null, "application/jsonx", "text/json"};
        String type = types[random.nextInt(types.length)];
        return new Case(path, type, valid.toString().getBytes(StandardCharsets.UTF_8), "content type " + type);
    }

    private Case brokenMessages(String path, ObjectNode body, boolean chat) {
        if (!chat) {
            body.set("prompt", NODES.arrayNode().add(random.nextInt()));
            return json(path, body, "prompt of numbers");
        }
        ArrayNode messages = body.putArray("messages");
        ObjectNode message = messages.addObject();
        switch (random.nextInt(6)) {
            case 0 -> message.put("role", "tool").put("content", "x");
            case 1 -> message.put("content", "no role");
            case 2 -> message.put("role", "user");
            case 3 -> message.put("role", "user").putArray("content").addObject().put("type", "image_url");
            case 4 -> message.put("role", "user").put("content", random.nextInt());
            default -> messages.add("just a string");
        }
        return json(path, body, "broken message " + abbreviate(messages.toString()));
    }

    private static Case json(String path, ObjectNode body, String description) {
        return new Case(path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), description);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
