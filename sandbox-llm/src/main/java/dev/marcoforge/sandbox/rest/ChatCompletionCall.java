package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.simulation.Conversation;
import dev.marcoforge.sandbox.simulation.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated {@code POST /v1/chat/completions} request.
 *
 * @param topLogprobs null unless {@code logprobs} is true; then the {@code top_logprobs} count (0 by default)
 */
record ChatCompletionCall(String model, Conversation conversation, int promptTokens, SamplingOptions sampling,
                          Integer topLogprobs) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private record Message(String role, String content) {
    }

    static ChatCompletionCall read(ObjectMapper mapper, String body, int defaultMaxTokens, String defaultModel) {
        JsonRequest json = JsonRequest.parse(mapper, body);
        String model = json.optionalString("model").orElse(defaultModel);
        List<Message> messages = messages(json);
        SamplingOptions sampling = SamplingOptions.read(json, defaultMaxTokens);
        Integer topLogprobs = LogprobFields.chat(json);
        int promptTokens = messages.stream().mapToInt(message -> Tokenizer.count(message.content())).sum();
        return new ChatCompletionCall(model, conversation(messages), promptTokens, sampling, topLogprobs);
    }

    private static List<Message> messages(JsonRequest json) {
        JsonNode array = json.required("messages");
        if (!array.isArray()) {
            throw new InvalidRequestException("messages", "Invalid type for 'messages': expected an array of messages.",
                    "invalid_type");
        }
        if (array.isEmpty()) {
            throw new InvalidRequestException("messages", "Invalid 'messages': empty array. Expected at least one"
                    + " message.", "empty_array");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static Message message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidRequestException(path, "Invalid type for '" + path + "': expected an object.",
                    "invalid_type");
        }
        JsonNode roleNode = node.get("role");
        if (roleNode == null || roleNode.isNull()) {
            throw new InvalidRequestException(path + ".role", "Missing required parameter: '" + path + ".role'.",
                    "missing_required_parameter");
        }
        String role = JsonRequest.text(roleNode, path + ".role");
        if (!ROLES.contains(role)) {
            throw new InvalidRequestException(path + ".role", "Invalid value: '" + role + "'. Supported values are: "
                    + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.", "invalid_value");
        }
        return new Message(role, content(node.get("content"), role, path + ".content"));
    }

    /** A string or an array of content parts; only text parts matter to the simulator, others are skipped. */
    private static String content(JsonNode node, String role, String path) {
        if (node == null || node.isNull()) {
            if (role.equals("assistant") || role.equals("tool") || role.equals("function")) {
                return "";
            }
            throw new InvalidRequestException(path, "Missing required parameter: '" + path + "'.",
                    "missing_required_parameter");
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(path, "Invalid type for '" + path
                    + "': expected a string or an array of content parts.", "invalid_type");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String partPath = path + "[" + i + "]";
            if (!part.isObject() || part.get("type") == null) {
                throw new InvalidRequestException(partPath + ".type", "Missing required parameter: '" + partPath
                        + ".type'.", "missing_required_parameter");
            }
            if ("text".equals(part.get("type").asText())) {
                JsonNode partText = part.get("text");
                if (partText == null || partText.isNull()) {
                    throw new InvalidRequestException(partPath + ".text", "Missing required parameter: '" + partPath
                            + ".text'.", "missing_required_parameter");
                }
                text.append(JsonRequest.text(partText, partPath + ".text"));
            }
        }
        return text.toString();
    }

    /** A final assistant message is the text to continue; the other turns make up what the user asked. */
    private static Conversation conversation(List<Message> messages) {
        Message last = messages.get(messages.size() - 1);
        boolean continuing = last.role().equals("assistant");
        List<Message> asked = continuing ? messages.subList(0, messages.size() - 1) : messages;
        StringBuilder userText = new StringBuilder();
        for (Message message : asked) {
            if (Set.of("system", "developer", "user").contains(message.role())) {
                if (userText.length() > 0) {
                    userText.append("\n\n");
                }
                userText.append(message.content());
            }
        }
        return new Conversation(userText.toString(), continuing ? last.content() : "");
    }
}
