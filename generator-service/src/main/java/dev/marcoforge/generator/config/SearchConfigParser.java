package dev.marcoforge.generator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Marco-o1 v2 config from JSON and checks it as a whole. Parsing does not stop at the first fault: every
 * fault (unknown keys, wrong types, an action tree that names actions it does not define, ...) is collected, so the
 * error names them all.
 */
public final class SearchConfigParser {

    static final Set<String> TOP_LEVEL_KEYS = Set.of("desc", "mode", "max_rollout_time", "max_tokens", "output_tree",
            "input_path", "output_folder", "generate_func", "search_reward_threshold", "evaluate_func",
            "use_for_wrong_answer", "use_mini_step", "use_function_call", "use_step", "url1", "url2", "base_prompt",
            "action_tree", "marco_forge");
    static final Set<String> ACTION_KEYS = Set.of("prefill_text", "description", "show_in_history", "special_model",
            "next_step");
    static final Set<String> EXTENSION_KEYS = Set.of("temperature", "top_p", "seed", "tags",
            "exploration_constant", "mini_step_tokens", "reward", "roles", "action_roles");
    static final Set<String> ROLE_KEYS = Set.of("url", "model", "max_in_flight");
    /** A node's role is stored in a column of this width. */
    static final int MAX_ROLE_NAME = 20;

    private static final int DEFAULT_MAX_TOKENS = 512;
    private static final int DEFAULT_MAX_ROLLOUT_TIME = 32;

    private SearchConfigParser() {
    }

    /** @throws InvalidSearchConfigException naming every fault */
    public static SearchConfig parse(JsonNode json) {
        return new Reading().read(json);
    }

    /** The faults of a config; empty when it is valid. */
    public static List<String> faultsOf(JsonNode json) {
        try {
            parse(json);
            return List.of();
        } catch (InvalidSearchConfigException e) {
            return e.faults();
        }
    }

    /** One parse: accumulates faults while reading what it can. */
    private static final class Reading {

        private final List<String> faults = new ArrayList<>();

        SearchConfig read(JsonNode json) {
            if (json == null || !json.isObject()) {
                throw new InvalidSearchConfigException(List.of("the config must be a JSON object, got "
                        + kind(json)));
            }
            unknownKeys(json, TOP_LEVEL_KEYS, "");
            String desc = string(json, "desc", "", false);
            String mode = string(json, "mode", "", false);
            int maxRolloutTime = positiveInt(json, "max_rollout_time", DEFAULT_MAX_ROLLOUT_TIME);
            int maxTokens = positiveInt(json, "max_tokens", DEFAULT_MAX_TOKENS);
            boolean outputTree = bool(json, "output_tree", false, "");
            String inputPath = string(json, "input_path", null, false);
            String outputFolder = string(json, "output_folder", null, false);
            String generateFunc = string(json, "generate_func", null, false);
            List<Double> thresholds = numbers(json, "search_reward_threshold");
            JsonNode thresholdNode = json.get("search_reward_threshold");
            if (thresholdNode != null && thresholdNode.isArray() && thresholdNode.size() != 2) {
                faults.add("'search_reward_threshold' must be [min, max], got " + json.get("search_reward_threshold"));
            } else if (thresholds.size() == 2 && thresholds.get(0) > thresholds.get(1)) {
                faults.add("'search_reward_threshold' must be [min, max] with min <= max, got " + thresholds);
            }
            String evaluateFunc = string(json, "evaluate_func", null, true);
            if (evaluateFunc != null && evaluateFunc.isBlank()) {
                faults.add("'evaluate_func' must name an evaluator, got a blank string");
            }
            boolean useMiniStep = bool(json, "use_mini_step", false, "");
            boolean useFunctionCall = bool(json, "use_function_call", false, "");
            boolean useStep = bool(json, "use_step", false, "");
            if (useStep && useMiniStep) {
                faults.add("'use_step' and 'use_mini_step' are both true: a node is either a line or a token "
                        + "budget, choose one");
            }
            String url1 = url(json, "url1");
            String url2 = url(json, "url2");
            String basePrompt = string(json, "base_prompt", null, true);
            Map<String, ActionSpec> tree = actionTree(json.get("action_tree"));
            Map<String, Map<String, Integer>> forWrong = useForWrongAnswer(json.get("use_for_wrong_answer"),
                    tree.keySet());
            ForgeExtension forge = extension(json.get("marco_forge"), tree.keySet());
            if (forge.reward() == RewardMode.CONFIDENCE) {
                requireLogprobs("url1", url1);
                requireLogprobs("url2", url2);
                forge.roles().forEach((name, role) -> requireLogprobs("marco_forge.roles." + name + ".url",
                        role.url()));
            }
            if (useMiniStep && forge.miniStepTokens() > maxTokens) {
                faults.add("'marco_forge.mini_step_tokens' (" + forge.miniStepTokens() + ") is above 'max_tokens' ("
                        + maxTokens + ")");
            }
            if (!faults.isEmpty()) {
                throw new InvalidSearchConfigException(faults);
            }
            return new SearchConfig(desc, mode, maxRolloutTime, maxTokens, outputTree, inputPath, outputFolder,
                    generateFunc, thresholds, evaluateFunc, forWrong, useMiniStep, useFunctionCall, useStep, url1,
                    url2, basePrompt, tree, forge, json.deepCopy());
        }

        /** The confidence reward reads token logprobs, which the reference's /generate protocol cannot return. */
        private void requireLogprobs(String key, String url) {
            if (url != null && url.endsWith("/generate")) {
                faults.add("'marco_forge.reward' is \"confidence\", which needs token logprobs, but '" + key + "' ("
                        + url + ") speaks the reference /generate protocol, which has none: use an OpenAI-compatible"
                        + " base URL");
            }
        }

        private Map<String, ActionSpec> actionTree(JsonNode node) {
            Map<String, ActionSpec> actions = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                faults.add("'action_tree' is required");
                return actions;
            }
            if (!node.isObject()) {
                faults.add("'action_tree' must be an object of actions, got " + kind(node));
                return actions;
            }
            Set<String> names = new LinkedHashSet<>();
            node.fieldNames().forEachRemaining(names::add);
            Map<String, Map<String, Integer>> nextSteps = new LinkedHashMap<>();
            for (String name : names) {
                ActionSpec spec = action(name, node.get(name));
                if (spec != null) {
                    actions.put(name, spec);
                    // Named actions count for reachability even when their count is faulty (reported already).
                    Map<String, Integer> named = new LinkedHashMap<>();
                    JsonNode next = node.get(name).get("next_step");
                    if (next != null && next.isObject()) {
                        next.fieldNames().forEachRemaining(n -> named.put(n, 1));
                    }
                    nextSteps.put(name, named);
                }
            }
            if (!names.contains(SearchConfig.BASE_ACTION)) {
                faults.add("action_tree has no 'base' action (the root of every tree)");
            }
            if (!names.contains(SearchConfig.ANSWER_ACTION)) {
                faults.add("action_tree has no 'answer' action (the end of every chain)");
            }
            nextSteps.forEach((name, next) -> next.keySet().stream().filter(n -> !names.contains(n))
                    .forEach(n -> faults.add("action_tree." + name + ".next_step names unknown action '" + n + "'")));
            if (names.contains(SearchConfig.ANSWER_ACTION)) {
                Set<String> reachAnswer = actionsReaching(SearchConfig.ANSWER_ACTION, nextSteps);
                nextSteps.keySet().stream().filter(n -> !reachAnswer.contains(n)).forEach(n -> faults.add(
                        "action_tree." + n + " has no path to 'answer' (a rollout through it could never end)"));
            }
            return actions;
        }

        /** The actions from which {@code target} can be reached through next_step, the target included. */
        private static Set<String> actionsReaching(String target, Map<String, Map<String, Integer>> nextSteps) {
            Set<String> reaching = new LinkedHashSet<>(Set.of(target));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (var e : nextSteps.entrySet()) {
                    if (!reaching.contains(e.getKey()) && e.getValue().keySet().stream().anyMatch(reaching::contains)) {
                        reaching.add(e.getKey());
                        grew = true;
                    }
                }
            }
            return reaching;
        }

        private ActionSpec action(String name, JsonNode node) {
            String where = "action_tree." + name;
            if (!ActionTag.isValidName(name)) {
                faults.add(where + ": an action name may only hold letters, digits and _ . : -");
            }
            if (!node.isObject()) {
                faults.add(where + " must be an object, got " + kind(node));
                return null;
            }
            unknownKeys(node, ACTION_KEYS, where + ".");
            List<String> prefills = new ArrayList<>();
            JsonNode prefillNode = node.get("prefill_text");
            if (prefillNode != null && !prefillNode.isNull()) {
                if (!prefillNode.isArray()) {
                    faults.add("'" + where + ".prefill_text' must be an array of strings, got " + kind(prefillNode));
                } else {
                    for (int i = 0; i < prefillNode.size(); i++) {
                        JsonNode p = prefillNode.get(i);
                        if (p.isTextual()) {
                            prefills.add(p.textValue());
                        } else {
                            faults.add("'" + where + ".prefill_text[" + i + "]' must be a string, got " + kind(p));
                        }
                    }
                }
            }
            String description = string(node, "description", "", false, where + ".");
            boolean show = bool(node, "show_in_history", true, where + ".");
            boolean special = bool(node, "special_model", false, where + ".");
            Map<String, Integer> next = counts(node.get("next_step"), where + ".next_step");
            return new ActionSpec(name, prefills, description, show, special, next);
        }

        private Map<String, Map<String, Integer>> useForWrongAnswer(JsonNode node, Set<String> actions) {
            Map<String, Map<String, Integer>> result = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return result;
            }
            if (!node.isObject()) {
                faults.add("'use_for_wrong_answer' must be an object of actions, got " + kind(node));
                return result;
            }
            node.fields().forEachRemaining(e -> {
                String from = e.getKey();
                if (!actions.contains(from)) {
                    faults.add("use_for_wrong_answer names unknown action '" + from + "'");
                }
                Map<String, Integer> to = counts(e.getValue(), "use_for_wrong_answer." + from);
                to.keySet().stream().filter(a -> !actions.contains(a)).forEach(a -> faults.add(
                        "use_for_wrong_answer." + from + " names unknown action '" + a + "'"));
                result.put(from, to);
            });
            return result;
        }

        private ForgeExtension extension(JsonNode node, Set<String> actions) {
            if (node == null || node.isNull()) {
                return ForgeExtension.defaults();
            }
            if (!node.isObject()) {
                faults.add("'marco_forge' must be an object, got " + kind(node));
                return ForgeExtension.defaults();
            }
            unknownKeys(node, EXTENSION_KEYS, "marco_forge.");
            double temperature = ForgeExtension.DEFAULT_TEMPERATURE;
            JsonNode t = node.get("temperature");
            if (t != null && !t.isNull()) {
                if (!t.isNumber() || t.doubleValue() < 0 || t.doubleValue() > 2) {
                    faults.add("'marco_forge.temperature' must be a number within [0, 2], got " + t);
                } else {
                    temperature = t.doubleValue();
                }
            }
            Double topP = null;
            JsonNode p = node.get("top_p");
            if (p != null && !p.isNull()) {
                if (!p.isNumber() || p.doubleValue() <= 0 || p.doubleValue() > 1) {
                    faults.add("'marco_forge.top_p' must be a number within (0, 1], got " + p);
                } else {
                    topP = p.doubleValue();
                }
            }
            Long seed = null;
            JsonNode s = node.get("seed");
            if (s != null && !s.isNull()) {
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    faults.add("'marco_forge.seed' must be an integer, got " + s);
                } else {
                    seed = s.longValue();
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            JsonNode tagNode = node.get("tags");
            if (tagNode != null && !tagNode.isNull()) {
                if (!tagNode.isObject()) {
                    faults.add("'marco_forge.tags' must be an object of action to tag, got " + kind(tagNode));
                } else {
                    tagNode.fields().forEachRemaining(e -> {
                        if (!actions.contains(e.getKey())) {
                            faults.add("marco_forge.tags names unknown action '" + e.getKey() + "'");
                        }
                        JsonNode v = e.getValue();
                        if (!v.isTextual() || !ActionTag.isValidName(ActionTag.bare(v.textValue()))) {
                            faults.add("'marco_forge.tags." + e.getKey() + "' must be a tag name like \"step\" or"
                                    + " \"<step>\", got " + v);
                        } else {
                            tags.put(e.getKey(), v.textValue());
                        }
                    });
                }
            }
            double exploration = ForgeExtension.DEFAULT_EXPLORATION;
            JsonNode c = node.get("exploration_constant");
            if (c != null && !c.isNull()) {
                if (!c.isNumber() || c.doubleValue() < 0) {
                    faults.add("'marco_forge.exploration_constant' must be a number >= 0, got " + c);
                } else {
                    exploration = c.doubleValue();
                }
            }
            int miniStep = ForgeExtension.DEFAULT_MINI_STEP_TOKENS;
            JsonNode m = node.get("mini_step_tokens");
            if (m != null && !m.isNull()) {
                if (!m.canConvertToInt() || !m.isIntegralNumber() || m.intValue() < 1) {
                    faults.add("'marco_forge.mini_step_tokens' must be a whole number of tokens >= 1, got " + m);
                } else {
                    miniStep = m.intValue();
                }
            }
            RewardMode reward = RewardMode.VERIFIER;
            JsonNode r = node.get("reward");
            if (r != null && !r.isNull()) {
                var mode = r.isTextual() ? RewardMode.of(r.textValue()) : java.util.Optional.<RewardMode>empty();
                if (mode.isEmpty()) {
                    faults.add("'marco_forge.reward' must be \"verifier\" or \"confidence\", got " + r);
                } else {
                    reward = mode.get();
                }
            }
            Map<String, RoleSpec> roles = roles(node.get("roles"));
            Map<String, String> actionRoles = actionRoles(node.get("action_roles"), actions, roles.keySet());
            return new ForgeExtension(temperature, topP, seed, tags, exploration, miniStep, reward, roles,
                    actionRoles);
        }

        private Map<String, RoleSpec> roles(JsonNode node) {
            Map<String, RoleSpec> roles = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return roles;
            }
            if (!node.isObject()) {
                faults.add("'marco_forge.roles' must be an object of role name to {url, model, max_in_flight}, got "
                        + kind(node));
                return roles;
            }
            node.fields().forEachRemaining(e -> {
                String name = e.getKey();
                String where = "marco_forge.roles." + name;
                if (ModelRole.POLICY.equals(name) || ModelRole.CRITIC.equals(name) || ModelRole.USER.equals(name)) {
                    faults.add("'" + where + "': '" + name + "' is built in (the policy and critic models are set"
                            + " by url1 and url2); give the new role another name");
                    return;
                }
                if (!ActionTag.isValidName(name) || name.length() > MAX_ROLE_NAME) {
                    faults.add("'" + where + "': a role name may only hold letters, digits and _ . : - and at most "
                            + MAX_ROLE_NAME + " characters");
                    return;
                }
                JsonNode role = e.getValue();
                if (!role.isObject()) {
                    faults.add("'" + where + "' must be an object {url, model, max_in_flight}, got " + kind(role));
                    return;
                }
                unknownKeys(role, ROLE_KEYS, where + ".");
                String url = string(role, "url", null, true, where + ".");
                if (url != null && !isHttpUrl(url)) {
                    faults.add("'" + where + ".url' must be an http(s) URL, got \"" + url + "\"");
                    url = null;
                }
                String model = string(role, "model", null, false, where + ".");
                Integer maxInFlight = null;
                JsonNode m = role.get("max_in_flight");
                if (m != null && !m.isNull()) {
                    if (!m.isIntegralNumber() || !m.canConvertToInt() || m.intValue() < 1) {
                        faults.add("'" + where + ".max_in_flight' must be a positive integer, got " + m);
                    } else {
                        maxInFlight = m.intValue();
                    }
                }
                if (url != null) {
                    roles.put(name, new RoleSpec(url.trim(), model, maxInFlight));
                }
            });
            return roles;
        }

        private Map<String, String> actionRoles(JsonNode node, Set<String> actions, Set<String> roles) {
            Map<String, String> result = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return result;
            }
            if (!node.isObject()) {
                faults.add("'marco_forge.action_roles' must be an object of action to role name, got " + kind(node));
                return result;
            }
            node.fields().forEachRemaining(e -> {
                String action = e.getKey();
                JsonNode v = e.getValue();
                if (!actions.contains(action)) {
                    faults.add("marco_forge.action_roles names unknown action '" + action + "'");
                } else if (SearchConfig.BASE_ACTION.equals(action)) {
                    faults.add("marco_forge.action_roles.base: the root holds the question, no model writes it");
                } else if (!v.isTextual()) {
                    faults.add("'marco_forge.action_roles." + action + "' must be a role name, got " + kind(v));
                } else if (!roles.contains(v.textValue()) && !ModelRole.POLICY.equals(v.textValue())
                        && !ModelRole.CRITIC.equals(v.textValue())) {
                    faults.add("marco_forge.action_roles." + action + " names unknown role '" + v.textValue()
                            + "'; known: policy, critic" + (roles.isEmpty() ? "" : ", " + String.join(", ", roles))
                            + " (define a role in marco_forge.roles)");
                } else {
                    result.put(action, v.textValue());
                }
            });
            return result;
        }

        private Map<String, Integer> counts(JsonNode node, String where) {
            Map<String, Integer> result = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return result;
            }
            if (!node.isObject()) {
                faults.add("'" + where + "' must be an object of action to count, got " + kind(node));
                return result;
            }
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isIntegralNumber() || v.intValue() < 1) {
                    faults.add("'" + where + "." + e.getKey() + "' must be a positive integer, got " + v);
                } else {
                    result.put(e.getKey(), v.intValue());
                }
            });
            return result;
        }

        private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
            node.fieldNames().forEachRemaining(key -> {
                if (!known.contains(key)) {
                    faults.add("unknown key '" + prefix + key + "'");
                }
            });
        }

        private String string(JsonNode node, String key, String fallback, boolean required) {
            return string(node, key, fallback, required, "");
        }

        private String string(JsonNode node, String key, String fallback, boolean required, String prefix) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    faults.add("'" + prefix + key + "' is required");
                }
                return fallback;
            }
            if (!v.isTextual()) {
                faults.add("'" + prefix + key + "' must be a string, got " + kind(v));
                return fallback;
            }
            return v.textValue();
        }

        private boolean bool(JsonNode node, String key, boolean fallback, String prefix) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                faults.add("'" + prefix + key + "' must be true or false, got " + v);
                return fallback;
            }
            return v.booleanValue();
        }

        private int positiveInt(JsonNode node, String key, int fallback) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                faults.add("'" + key + "' must be a positive integer, got " + v);
                return fallback;
            }
            return v.intValue();
        }

        private List<Double> numbers(JsonNode node, String key) {
            List<Double> result = new ArrayList<>();
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return result;
            }
            if (!v.isArray()) {
                faults.add("'" + key + "' must be an array of numbers, got " + kind(v));
                return result;
            }
            for (JsonNode n : v) {
                if (n.isNumber()) {
                    result.add(n.doubleValue());
                } else {
                    faults.add("'" + key + "' must hold numbers only, got " + n);
                }
            }
            return result;
        }

        private String url(JsonNode node, String key) {
            String value = string(node, key, null, false);
            if (value != null && !isHttpUrl(value)) {
                faults.add("'" + key + "' must be an http(s) URL, got \"" + value + "\"");
                return null;
            }
            return value;
        }
    }

    /** Whether {@code value} is an absolute http or https URL with a host. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A short name of a JSON value's type for messages. */
    static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** A copy of {@code config} with the model URLs replaced where an override is given. */
    public static ObjectNode withUrls(JsonNode config, String url1, String url2) {
        ObjectNode copy = ((ObjectNode) config).deepCopy();
        if (url1 != null) {
            copy.put("url1", url1);
        }
        if (url2 != null) {
            copy.put("url2", url2);
        }
        return copy;
    }
}
