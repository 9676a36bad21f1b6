package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, validated access to the fields of a JSON request body. Reading fields by hand, rather than binding to
 * classes, lets every rejection name the exact field, as OpenAI's {@code param} does. A field sent as null
 * counts as absent, since clients often serialize unset options that way.
 */
final class JsonRequest {

    private final ObjectNode root;

    private JsonRequest(ObjectNode root) {
        this.root = root;
    }

    static JsonRequest parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(null, "The request body is empty; expected a JSON object.",
                    "invalid_json");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null,
                    "We could not parse the JSON body of your request: " + e.getOriginalMessage(), "invalid_json");
        }
        if (!(node instanceof ObjectNode)) {
            throw new InvalidRequestException(null, "The request body must be a JSON object.", "invalid_json");
        }
        return new JsonRequest((ObjectNode) node);
    }

    Optional<JsonNode> field(String name) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    JsonNode required(String name) {
        return field(name).orElseThrow(() -> new InvalidRequestException(name,
                "Missing required parameter: '" + name + "'.", "missing_required_parameter"));
    }

    Optional<String> optionalString(String name) {
        return field(name).map(node -> text(node, name));
    }

    double number(String name, double defaultValue, double min, double max) {
        Optional<JsonNode> node = field(name);
        if (node.isEmpty()) {
            return defaultValue;
        }
        if (!node.get().isNumber()) {
            throw new InvalidRequestException(name, "Invalid type for '" + name + "': expected a number.",
                    "invalid_type");
        }
        double value = node.get().asDouble();
        if (value < min || value > max) {
            throw new InvalidRequestException(name, "Invalid '" + name + "': " + value + " is out of range; expected"
                    + " a value between " + min + " and " + max + ".", "invalid_value");
        }
        return value;
    }

    Optional<Integer> optionalInt(String name, int min, int max) {
        Optional<JsonNode> node = field(name);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        long value = integral(node.get(), name);
        if (value < min || value > max) {
            throw new InvalidRequestException(name, "Invalid '" + name + "': " + value + " is out of range; expected"
                    + " an integer between " + min + " and " + max + ".", "invalid_value");
        }
        return Optional.of((int) value);
    }

    Optional<Long> optionalLong(String name) {
        return field(name).map(node -> integral(node, name));
    }

    boolean bool(String name, boolean defaultValue) {
        return field(name).map(node -> bool(node, name)).orElse(defaultValue);
    }

    /** OpenAI's {@code stop}: a string or a list of strings; empty ones are ignored. */
    List<String> stopSequences(String name) {
        Optional<JsonNode> node = field(name);
        List<String> stops = new ArrayList<>();
        if (node.isEmpty()) {
            return stops;
        }
        if (node.get().isTextual()) {
            addIfNotEmpty(stops, node.get().asText());
            return stops;
        }
        if (!node.get().isArray()) {
            throw new InvalidRequestException(name, "Invalid type for '" + name
                    + "': expected a string or an array of strings.", "invalid_type");
        }
        for (int i = 0; i < node.get().size(); i++) {
            addIfNotEmpty(stops, text(node.get().get(i), name + "[" + i + "]"));
        }
        return stops;
    }

    static String text(JsonNode node, String name) {
        if (!node.isTextual()) {
            throw new InvalidRequestException(name, "Invalid type for '" + name + "': expected a string.",
                    "invalid_type");
        }
        return node.asText();
    }

    static boolean bool(JsonNode node, String name) {
        if (!node.isBoolean()) {
            throw new InvalidRequestException(name, "Invalid type for '" + name + "': expected a boolean.",
                    "invalid_type");
        }
        return node.asBoolean();
    }

    private static long integral(JsonNode node, String name) {
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw new InvalidRequestException(name, "Invalid type for '" + name + "': expected an integer.",
                    "invalid_type");
        }
        return node.asLong();
    }

    private static void addIfNotEmpty(List<String> stops, String stop) {
        if (!stop.isEmpty()) {
            stops.add(stop);
        }
    }
}
