package dev.marcoforge.generator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.Problem;
import dev.marcoforge.generator.config.BuiltInConfigs;
import dev.marcoforge.generator.config.InvalidSearchConfigException;
import dev.marcoforge.generator.config.RewardMode;
import dev.marcoforge.generator.config.SearchConfig;
import dev.marcoforge.generator.config.SearchConfigParser;
import dev.marcoforge.generator.search.JobSubmission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a job request body and turns it into a {@link JobSubmission}. Every fault is collected, the config's and the
 * problems' alike, so one 400 answer names all of them.
 */
public final class JobRequestReader {

    static final Set<String> KEYS = Set.of("name", "config", "problems", "policyUrl", "criticUrl");

    private JobRequestReader() {
    }

    /** The submission, or the list of faults (never both). */
    public record Outcome(JobSubmission submission, List<String> errors) {
    }

    public static Outcome read(JsonNode body) {
        List<String> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Outcome(null, List.of("the request body must be a JSON object with 'config' and 'problems'"));
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                errors.add("unknown field '" + key + "'; known: name, config, problems, policyUrl, criticUrl");
            }
        });
        String name = optionalText(body, "name", errors);
        String policyUrl = optionalUrl(body, "policyUrl", errors);
        String criticUrl = optionalUrl(body, "criticUrl", errors);
        JsonNode configJson = config(body.get("config"), errors);
        SearchConfig config = null;
        if (configJson != null) {
            configJson = SearchConfigParser.withUrls(configJson, policyUrl, criticUrl);
            try {
                config = SearchConfigParser.parse(configJson);
            } catch (InvalidSearchConfigException e) {
                e.faults().forEach(f -> errors.add("config: " + f));
            }
        }
        boolean truthOptional = config != null && config.reward() == RewardMode.CONFIDENCE;
        List<Problem> problems = problems(body.get("problems"), config == null ? null : config.evaluateFunc(),
                truthOptional, errors);
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        return new Outcome(new JobSubmission(name, config, configJson, problems), List.of());
    }

    private static JsonNode config(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("'config' is required: a Marco-o1 config object or a built-in name " + BuiltInConfigs.NAMES);
            return null;
        }
        if (node.isTextual()) {
            var builtIn = BuiltInConfigs.find(node.textValue());
            if (builtIn.isEmpty()) {
                errors.add("config: unknown built-in config '" + node.textValue() + "'; built-in: "
                        + BuiltInConfigs.NAMES);
                return null;
            }
            return builtIn.get();
        }
        if (!node.isObject()) {
            errors.add("'config' must be a Marco-o1 config object or a built-in name " + BuiltInConfigs.NAMES);
            return null;
        }
        return (ObjectNode) node;
    }

    /** @param truthOptional the confidence reward searches problems without a solution (their answers go unjudged) */
    private static List<Problem> problems(JsonNode node, String evaluator, boolean truthOptional,
            List<String> errors) {
        List<Problem> problems = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add("'problems' is required: an array of {id, problem, solution}");
            return problems;
        }
        if (!node.isArray()) {
            errors.add("'problems' must be an array of {id, problem, solution}");
            return problems;
        }
        if (node.isEmpty()) {
            errors.add("'problems' is empty: a job needs at least one problem");
            return problems;
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String where = "problems[" + i + "]";
            if (!p.isObject()) {
                errors.add(where + " must be an object {id, problem, solution}");
                continue;
            }
            String id = null;
            JsonNode idNode = p.get("id");
            if (idNode == null || idNode.isNull()) {
                errors.add(where + ".id is required");
            } else if (!(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.asText().isBlank()) {
                errors.add(where + ".id must be a non-blank string, got " + idNode);
            } else {
                id = idNode.asText();
                Integer earlier = firstIndex.putIfAbsent(id, i);
                if (earlier != null) {
                    errors.add("duplicate problem id '" + id + "' (problems[" + earlier + "] and " + where + ")");
                }
            }
            String question = null;
            JsonNode q = p.get("problem");
            if (q == null || q.isNull()) {
                errors.add(where + ".problem is required");
            } else if (!q.isTextual()) {
                errors.add(where + ".problem must be a string");
            } else if (q.textValue().isBlank()) {
                errors.add(where + ".problem must not be blank");
            } else {
                question = q.textValue();
            }
            JsonNode solution = p.get("solution");
            if (solution == null || solution.isNull()) {
                if (truthOptional) {
                    solution = NullNode.getInstance();
                } else {
                    errors.add(where + ".solution is required (the ground truth: a number, string or object;"
                            + " only a config with marco_forge.reward \"confidence\" searches without one)");
                }
            }
            if (id != null && question != null && solution != null && evaluator != null) {
                problems.add(new Problem(id, question, solution, evaluator));
            }
        }
        return problems;
    }

    private static String optionalText(JsonNode body, String key, List<String> errors) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add("'" + key + "' must be a string");
            return null;
        }
        return v.textValue();
    }

    private static String optionalUrl(JsonNode body, String key, List<String> errors) {
        String value = optionalText(body, key, errors);
        if (value != null && !SearchConfigParser.isHttpUrl(value)) {
            errors.add("'" + key + "' must be an http(s) URL, got \"" + value + "\"");
            return null;
        }
        return value == null ? null : value.trim();
    }
}
