package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.gateway.openai.OpenAiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an OpenAI chat completion body field by field and collects every problem, so a client fixes them in one go.
 * Fields this gateway does not use (penalties, tools, ...) are ignored, as OpenAI-compatible servers commonly do.
 */
public final class ChatRequestValidator {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final int MAX_N = 16;
    private static final int MAX_STOP = 4;

    private ChatRequestValidator() {
    }

    /** @throws OpenAiException a 400 naming every invalid field */
    public static ChatCompletionRequest validate(JsonNode body) {
        requireObject(body, "'model' and 'messages'");
        List<FieldProblem> problems = new ArrayList<>();
        String model = model(body.get("model"), problems);
        List<ChatMessage> messages = messages(body.get("messages"), problems);
        return finish(body, model, messages, null, problems);
    }

    /** A legacy {@code /v1/completions} body: {@code prompt} instead of {@code messages}. */
    public static ChatCompletionRequest validateCompletion(JsonNode body) {
        requireObject(body, "'model' and 'prompt'");
        List<FieldProblem> problems = new ArrayList<>();
        String model = model(body.get("model"), problems);
        String prompt = prompt(body.get("prompt"), problems);
        if (body.path("echo").asBoolean(false)) {
            problems.add(new FieldProblem("echo", "'echo' is not supported"));
        }
        if (!absent(body.get("suffix"))) {
            problems.add(new FieldProblem("suffix", "'suffix' is not supported"));
        }
        return finish(body, model, List.of(), prompt, problems);
    }

    private static void requireObject(JsonNode body, String fields) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw OpenAiException.invalid(null, "the request body is required: a JSON object with " + fields);
        }
        if (!body.isObject()) {
            throw OpenAiException.invalid(null, "the request body must be a JSON object, got " + kind(body));
        }
    }

    private static ChatCompletionRequest finish(JsonNode body, String model, List<ChatMessage> messages,
            String prompt, List<FieldProblem> problems) {
        Double temperature = number(body, "temperature", 0, false, 2, problems);
        Double topP = number(body, "top_p", 0, true, 1, problems);
        Integer n = integer(body, "n", 1, MAX_N, problems);
        Integer maxTokens = integer(body, "max_tokens", 1, Integer.MAX_VALUE, problems);
        Integer maxCompletionTokens = integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE, problems);
        Long seed = seed(body.get("seed"), problems);
        List<String> stop = stop(body.get("stop"), problems);
        String user = optionalText(body, "user", problems);
        boolean stream = stream(body.get("stream"), problems);
        boolean includeUsage = streamOptions(body.get("stream_options"), stream, problems);
        String parser = reasoningParser(body.get("reasoning_parser"), problems);
        if (!problems.isEmpty()) {
            throw OpenAiException.invalid(problems);
        }
        // max_completion_tokens is OpenAI's successor of max_tokens; when a client sends both, the newer one wins.
        Integer limit = maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
        return new ChatCompletionRequest(model, messages, new Sampling(temperature, topP, limit, seed),
                n == null ? 1 : n, stop, user, stream, includeUsage, parser, prompt);
    }

    /** A string, or an array holding one string (arrays of several prompts, or of token ids, are not served). */
    private static String prompt(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem("prompt", "'prompt' is required"));
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray() && node.size() == 1 && node.get(0).isTextual()) {
            return node.get(0).textValue();
        }
        problems.add(new FieldProblem("prompt", "'prompt' must be a string (or an array of exactly one string), got "
                + kind(node)));
        return null;
    }

    private static boolean streamOptions(JsonNode node, boolean stream, List<FieldProblem> problems) {
        if (absent(node)) {
            return false;
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem("stream_options", "'stream_options' must be an object, got " + kind(node)));
            return false;
        }
        if (!stream) {
            problems.add(new FieldProblem("stream_options",
                    "'stream_options' is only allowed when 'stream' is true"));
            return false;
        }
        JsonNode include = node.get("include_usage");
        if (absent(include)) {
            return false;
        }
        if (!include.isBoolean()) {
            problems.add(new FieldProblem("stream_options.include_usage",
                    "'stream_options.include_usage' must be a boolean, got " + kind(include)));
            return false;
        }
        return include.booleanValue();
    }

    private static String reasoningParser(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual() || ReasoningParser.named(node.textValue()).isEmpty()) {
            problems.add(new FieldProblem("reasoning_parser", "'reasoning_parser' must be one of "
                    + ReasoningParser.names() + ", got " + kind(node)));
            return null;
        }
        return node.textValue();
    }

    private static String model(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem("model", "'model' is required"));
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            problems.add(new FieldProblem("model", "'model' must be a non-empty string, got " + kind(node)));
            return null;
        }
        return node.textValue();
    }

    private static List<ChatMessage> messages(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem("messages", "'messages' is required"));
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new FieldProblem("messages", "'messages' must be a non-empty array, got " + kind(node)));
            return List.of();
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode message = node.get(i);
            if (!message.isObject()) {
                problems.add(new FieldProblem(at, "'" + at + "' must be an object, got " + kind(message)));
                continue;
            }
            String role = role(message.get("role"), at + ".role", problems);
            String content = content(message.get("content"), at + ".content", problems);
            if (role != null && content != null) {
                messages.add(new ChatMessage(role, content));
            }
        }
        return messages;
    }

    private static String role(JsonNode node, String param, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem(param, "'" + param + "' is required"));
            return null;
        }
        if (!node.isTextual() || !ROLES.contains(node.textValue())) {
            problems.add(new FieldProblem(param, "'" + param + "' must be one of " + sorted(ROLES) + ", got "
                    + node));
            return null;
        }
        return node.textValue();
    }

    /** A string, or OpenAI's array of content parts of which only text parts are supported. */
    private static String content(JsonNode node, String param, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem(param, "'" + param + "' is required"));
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            problems.add(new FieldProblem(param, "'" + param + "' must be a string or an array of text parts, got "
                    + kind(node)));
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String partParam = param + "[" + i + "]";
            if (!part.isObject() || !"text".equals(part.path("type").asText(null)) || !part.path("text").isTextual()) {
                problems.add(new FieldProblem(partParam, "'" + partParam
                        + "' must be {\"type\": \"text\", \"text\": <string>}; only text parts are supported, got "
                        + part));
                continue;
            }
            texts.add(part.get("text").textValue());
        }
        // Text parts are joined with a newline, as vLLM renders them.
        return texts.size() == node.size() ? String.join("\n", texts) : null;
    }

    private static Double number(JsonNode body, String field, double min, boolean minExclusive, double max,
            List<FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        String range = (minExclusive ? "(" : "[") + trim(min) + ", " + trim(max) + "]";
        if (!node.isNumber()) {
            problems.add(new FieldProblem(field, "'" + field + "' must be a number within " + range + ", got "
                    + kind(node)));
            return null;
        }
        double value = node.doubleValue();
        if (value > max || (minExclusive ? value <= min : value < min)) {
            problems.add(new FieldProblem(field, "'" + field + "' must be within " + range + ", got " + node));
            return null;
        }
        return value;
    }

    private static Integer integer(JsonNode body, String field, int min, int max, List<FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        String expected = max == Integer.MAX_VALUE ? "a positive integer" : "an integer from " + min + " to " + max;
        if (!isWholeNumber(node) || node.doubleValue() < min || node.doubleValue() > max) {
            problems.add(new FieldProblem(field, "'" + field + "' must be " + expected + ", got " + node));
            return null;
        }
        return node.intValue();
    }

    private static Long seed(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            return null;
        }
        if (!isWholeNumber(node) || !node.canConvertToLong()) {
            problems.add(new FieldProblem("seed", "'seed' must be an integer, got " + node));
            return null;
        }
        return node.longValue();
    }

    private static List<String> stop(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        boolean allStrings = node.isArray();
        for (JsonNode item : node) {
            allStrings &= item.isTextual();
        }
        if (!allStrings || node.size() > MAX_STOP) {
            problems.add(new FieldProblem("stop", "'stop' must be a string or an array of at most " + MAX_STOP
                    + " strings, got " + node));
            return List.of();
        }
        List<String> stop = new ArrayList<>();
        node.forEach(item -> stop.add(item.textValue()));
        return stop;
    }

    private static String optionalText(JsonNode body, String field, List<FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(field, "'" + field + "' must be a string, got " + kind(node)));
            return null;
        }
        return node.textValue();
    }

    private static boolean stream(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            problems.add(new FieldProblem("stream", "'stream' must be a boolean, got " + kind(node)));
            return false;
        }
        return node.booleanValue();
    }

    private static boolean isWholeNumber(JsonNode node) {
        return node.isIntegralNumber() || (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()));
    }

    /** OpenAI treats an explicit null like an absent optional field. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty array" : "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.isTextual() ? "the string " + node : node.toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
