package dev.marcoforge.generator.config;

import static dev.marcoforge.generator.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.generator.ReferenceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchConfigParserTests {

    private static JsonNode referenceDemoConfig() throws IOException {
        return MessageCodec.mapper().readTree(Files.readString(ReferenceFiles.marcoO1("demo_config.json")));
    }

    @Test
    void readsTheReferenceDemoConfig() throws IOException {
        SearchConfig config = SearchConfigParser.parse(referenceDemoConfig());

        assertThat(config.desc()).isEqualTo("数字母");
        assertThat(config.mode()).isEqualTo("debug");
        assertThat(config.maxRolloutTime()).isEqualTo(32);
        assertThat(config.maxTokens()).isEqualTo(512);
        assertThat(config.outputTree()).isTrue();
        assertThat(config.generateFunc()).isEqualTo("local");
        assertThat(config.searchRewardThreshold()).containsExactly(4.0, 8.0);
        assertThat(config.evaluateFunc()).isEqualTo("count_latter");
        assertThat(config.useForWrongAnswer()).isEqualTo(Map.of("double_check", Map.of("reflection", 1)));
        assertThat(config.useMiniStep()).isFalse();
        assertThat(config.useFunctionCall()).isFalse();
        assertThat(config.useStep()).isFalse();
        assertThat(config.url1()).endsWith("/40000/generate");
        assertThat(config.url2()).endsWith("/40001/generate");
        assertThat(config.basePrompt()).startsWith("Now you need to complete a task related to letters.")
                .endsWith("Now the question is: ");
        assertThat(config.actionTree()).containsOnlyKeys("base", "sub_task", "hypothesis", "thinking", "reflection",
                "double_check", "answer", "thinking_from_scratch");

        ActionSpec doubleCheck = config.action("double_check").orElseThrow();
        assertThat(doubleCheck.specialModel()).isTrue();
        assertThat(doubleCheck.modelRole()).isEqualTo(ModelRole.CRITIC);
        assertThat(doubleCheck.prefillText()).hasSize(4).contains("Let's check the result");
        assertThat(doubleCheck.nextStep()).isEqualTo(Map.of("answer", 1));
        assertThat(config.action("thinking").orElseThrow().nextStep())
                .isEqualTo(Map.of("double_check", 2, "thinking", 2));
        assertThat(config.action("answer").orElseThrow().prefillText()).containsExactly("The answer is:");
        assertThat(config.action("sub_task").orElseThrow().modelRole()).isEqualTo(ModelRole.POLICY);
        assertThat(config.forge()).isEqualTo(ForgeExtension.defaults());
        assertThat(config.forge().temperature()).isEqualTo(0.7);
    }

    @Test
    void theBuiltInLetterCountingConfigIsTheDemoConfigWithoutModelUrls() throws IOException {
        ObjectNode reference = (ObjectNode) referenceDemoConfig();
        reference.remove(List.of("url1", "url2"));

        JsonNode builtIn = BuiltInConfigs.find("letter-counting").orElseThrow();

        assertThat(builtIn).isEqualTo(reference);
        SearchConfig config = SearchConfigParser.parse(builtIn);
        assertThat(config.url1()).isNull();
        assertThat(config.url2()).isNull();
        assertThat(BuiltInConfigs.find("no-such-config")).isEmpty();
    }

    @Test
    void everyFaultIsNamedInOneError() throws IOException {
        ObjectNode config = (ObjectNode) referenceDemoConfig();
        config.put("temprature", 0.5);
        config.remove("evaluate_func");
        ObjectNode tree = (ObjectNode) config.get("action_tree");
        tree.remove("base");
        tree.remove("answer");
        ((ObjectNode) tree.get("thinking").get("next_step")).put("ponder", 1);
        ((ObjectNode) tree.get("thinking")).put("colour", "blue");
        ((ObjectNode) config.get("use_for_wrong_answer")).putObject("guess").put("reflection", 1);
        ((ObjectNode) config.get("use_for_wrong_answer").get("double_check")).put("retry", 1);
        config.putObject("marco_forge").put("top_p", 1.5).putObject("tags").put("nonsense", "x");

        var error = catchThrowableOfType(InvalidSearchConfigException.class, () -> SearchConfigParser.parse(config));

        assertThat(error.faults()).containsExactlyInAnyOrder(
                "unknown key 'temprature'",
                "'evaluate_func' is required",
                "action_tree has no 'base' action (the root of every tree)",
                "action_tree has no 'answer' action (the end of every chain)",
                "action_tree.thinking.next_step names unknown action 'ponder'",
                "action_tree.double_check.next_step names unknown action 'answer'",
                "unknown key 'action_tree.thinking.colour'",
                "use_for_wrong_answer names unknown action 'guess'",
                "use_for_wrong_answer.double_check names unknown action 'retry'",
                "'marco_forge.top_p' must be a number within (0, 1], got 1.5",
                "marco_forge.tags names unknown action 'nonsense'");
        assertThat(error.getMessage()).contains("evaluate_func").contains("ponder").contains("guess");
    }

    @Test
    void wrongTypesAreFaultsToo() {
        JsonNode config = json("""
                {"max_tokens": "many", "use_step": "yes", "evaluate_func": 3, "base_prompt": "Q: ",
                 "url1": "ftp://x", "search_reward_threshold": [1, "two"],
                 "action_tree": {"base": {"next_step": {"answer": 0}}, "answer": {"prefill_text": "The answer is:"}}}
                """);

        assertThat(SearchConfigParser.faultsOf(config)).containsExactlyInAnyOrder(
                "'max_tokens' must be a positive integer, got \"many\"",
                "'use_step' must be true or false, got \"yes\"",
                "'evaluate_func' must be a string, got a number",
                "'url1' must be an http(s) URL, got \"ftp://x\"",
                "'search_reward_threshold' must hold numbers only, got \"two\"",
                "'action_tree.base.next_step.answer' must be a positive integer, got 0",
                "'action_tree.answer.prefill_text' must be an array of strings, got a string");
    }

    @Test
    void aMinimalConfigTakesDefaultsAndTheExtensionBlock() {
        SearchConfig config = SearchConfigParser.parse(json("""
                {"evaluate_func": "count_latter", "base_prompt": "Q: ",
                 "action_tree": {"base": {"next_step": {"answer": 1}}, "answer": {}},
                 "marco_forge": {"temperature": 0.2, "top_p": 0.9, "seed": 42, "tags": {"answer": "<final>"}}}
                """));

        assertThat(config.maxTokens()).isEqualTo(512);
        assertThat(config.action("answer").orElseThrow().showInHistory()).isTrue();
        assertThat(config.forge()).isEqualTo(new ForgeExtension(0.2, 0.9, 42L, Map.of("answer", "<final>")));
        assertThat(config.tagOf("answer").open()).isEqualTo("<final>");
        assertThat(config.source()).isEqualTo(json("""
                {"evaluate_func": "count_latter", "base_prompt": "Q: ",
                 "action_tree": {"base": {"next_step": {"answer": 1}}, "answer": {}},
                 "marco_forge": {"temperature": 0.2, "top_p": 0.9, "seed": 42, "tags": {"answer": "<final>"}}}
                """));
    }

    @Test
    void actionsWithoutAPathToAnswerAndBadThresholdsAreFaults() {
        JsonNode config = json("""
                {"evaluate_func": "count_latter", "base_prompt": "Q: ", "search_reward_threshold": [8, 4],
                 "action_tree": {"base": {"next_step": {"ponder": 1, "answer": 1}},
                   "ponder": {"next_step": {"muse": 1}}, "muse": {"next_step": {"ponder": 1}}, "answer": {}},
                 "marco_forge": {"exploration_constant": -1}}
                """);

        assertThat(SearchConfigParser.faultsOf(config)).containsExactlyInAnyOrder(
                "action_tree.ponder has no path to 'answer' (a rollout through it could never end)",
                "action_tree.muse has no path to 'answer' (a rollout through it could never end)",
                "'search_reward_threshold' must be [min, max] with min <= max, got [8.0, 4.0]",
                "'marco_forge.exploration_constant' must be a number >= 0, got -1");
        assertThat(SearchConfigParser.faultsOf(json("""
                {"evaluate_func": "e", "base_prompt": "Q: ", "search_reward_threshold": [1, 2, 3],
                 "action_tree": {"base": {"next_step": {"answer": 1}}, "answer": {}}}
                """))).containsExactly("'search_reward_threshold' must be [min, max], got [1,2,3]");
    }

    @Test
    void theExplorationConstantDefaultsToTheReferencesAndCanBeSet() {
        String tree = "\"action_tree\": {\"base\": {\"next_step\": {\"answer\": 1}}, \"answer\": {}}";
        SearchConfig plain = SearchConfigParser.parse(json("{\"evaluate_func\": \"e\", \"base_prompt\": \"Q\", "
                + tree + "}"));
        SearchConfig tuned = SearchConfigParser.parse(json("{\"evaluate_func\": \"e\", \"base_prompt\": \"Q\", "
                + tree + ", \"marco_forge\": {\"exploration_constant\": 0.5}}"));

        assertThat(plain.forge().explorationConstant()).isEqualTo(1.414);
        assertThat(tuned.forge().explorationConstant()).isEqualTo(0.5);
        assertThat(plain.minRewardThreshold()).isEqualTo(1.0);
        assertThat(plain.maxRewardThreshold()).isEqualTo(1.0);
    }

    @Test
    void stepModesComeFromUseStepAndUseMiniStepWithAMiniStepBudget() {
        String base = "{\"evaluate_func\": \"e\", \"base_prompt\": \"Q\", \"max_tokens\": 48, "
                + "\"action_tree\": {\"base\": {\"next_step\": {\"answer\": 1}}, \"answer\": {}}";
        assertThat(SearchConfigParser.parse(json(base + "}")).stepMode()).isEqualTo(StepMode.TAGGED);
        assertThat(SearchConfigParser.parse(json(base + ", \"use_step\": true}")).stepMode())
                .isEqualTo(StepMode.STEP);
        SearchConfig mini = SearchConfigParser.parse(json(base + ", \"use_mini_step\": true}"));
        assertThat(mini.stepMode()).isEqualTo(StepMode.MINI_STEP);
        assertThat(mini.forge().miniStepTokens()).isEqualTo(32);
        assertThat(SearchConfigParser.parse(json(base + ", \"use_mini_step\": true, "
                + "\"marco_forge\": {\"mini_step_tokens\": 16}}")).forge().miniStepTokens()).isEqualTo(16);

        var both = catchThrowableOfType(InvalidSearchConfigException.class, () -> SearchConfigParser.parse(json(
                base + ", \"use_step\": true, \"use_mini_step\": true}")));
        assertThat(both.getMessage()).contains("'use_step' and 'use_mini_step' are both true");
        var tooBig = catchThrowableOfType(InvalidSearchConfigException.class, () -> SearchConfigParser.parse(json(
                base + ", \"use_mini_step\": true, \"marco_forge\": {\"mini_step_tokens\": 64}}")));
        assertThat(tooBig.getMessage()).contains("'marco_forge.mini_step_tokens' (64) is above 'max_tokens' (48)");
        var notANumber = catchThrowableOfType(InvalidSearchConfigException.class, () -> SearchConfigParser.parse(
                json(base + ", \"marco_forge\": {\"mini_step_tokens\": 0.5}}")));
        assertThat(notANumber.getMessage()).contains("'marco_forge.mini_step_tokens' must be a whole number");
    }

    @Test
    void theRewardModeDefaultsToTheVerifierAndTheConfidenceRewardRefusesTheReferenceProtocol() {
        String base = "{\"evaluate_func\": \"e\", \"base_prompt\": \"Q\", "
                + "\"action_tree\": {\"base\": {\"next_step\": {\"answer\": 1}}, \"answer\": {}}";
        assertThat(SearchConfigParser.parse(json(base + "}")).reward()).isEqualTo(RewardMode.VERIFIER);
        assertThat(SearchConfigParser.parse(json(base + ", \"url1\": \"http://m:8000/v1\", "
                + "\"marco_forge\": {\"reward\": \"confidence\"}}")).reward()).isEqualTo(RewardMode.CONFIDENCE);

        assertThat(SearchConfigParser.faultsOf(json(base + ", \"marco_forge\": {\"reward\": \"votes\"}}")))
                .containsExactly("'marco_forge.reward' must be \"verifier\" or \"confidence\", got \"votes\"");
        assertThat(SearchConfigParser.faultsOf(json(base + ", \"url2\": \"http://m:8001/generate\", "
                + "\"marco_forge\": {\"reward\": \"confidence\"}}"))).singleElement().asString()
                .contains("'url2' (http://m:8001/generate) speaks the reference /generate protocol");
    }

    @Test
    void rolesBeyondPolicyAndCriticAreDefinedInTheExtensionBlockAndActionsNameThem() {
        String base = "{\"evaluate_func\": \"e\", \"base_prompt\": \"Q\", \"action_tree\": {"
                + "\"base\": {\"next_step\": {\"hypothesis\": 1}}, \"hypothesis\": {\"next_step\": {\"check\": 1}},"
                + " \"check\": {\"special_model\": true, \"next_step\": {\"answer\": 1}}, \"answer\": {}}";
        SearchConfig config = SearchConfigParser.parse(json(base + ", \"marco_forge\": {\"roles\": {"
                + "\"explorer\": {\"url\": \"http://e:8000/v1\", \"model\": \"qwen-explorer\", \"max_in_flight\": 8}},"
                + " \"action_roles\": {\"hypothesis\": \"explorer\"}}}"));
        assertThat(config.forge().roles()).containsEntry("explorer", new RoleSpec("http://e:8000/v1",
                "qwen-explorer", 8));
        assertThat(config.roleOf("hypothesis")).isEqualTo("explorer");
        assertThat(config.roleOf("check")).isEqualTo(ModelRole.CRITIC);
        assertThat(config.roleOf("answer")).isEqualTo(ModelRole.POLICY);

        assertThat(SearchConfigParser.faultsOf(json(base + ", \"marco_forge\": {\"roles\": {"
                + "\"policy\": {\"url\": \"http://p/v1\"}, \"judge\": {\"model\": \"m\", \"port\": 1},"
                + " \"a-role-name-longer-than-twenty\": {\"url\": \"http://x/v1\"},"
                + " \"slow\": {\"url\": \"ftp://x\", \"max_in_flight\": 0}},"
                + " \"action_roles\": {\"hypothesis\": \"nobody\", \"ghost\": \"policy\", \"base\": \"critic\"}}}")))
                .containsExactlyInAnyOrder(
                        "'marco_forge.roles.policy': 'policy' is built in (the policy and critic models are set by"
                                + " url1 and url2); give the new role another name",
                        "unknown key 'marco_forge.roles.judge.port'",
                        "'marco_forge.roles.judge.url' is required",
                        "'marco_forge.roles.a-role-name-longer-than-twenty': a role name may only hold letters,"
                                + " digits and _ . : - and at most 20 characters",
                        "'marco_forge.roles.slow.url' must be an http(s) URL, got \"ftp://x\"",
                        "'marco_forge.roles.slow.max_in_flight' must be a positive integer, got 0",
                        "marco_forge.action_roles names unknown action 'ghost'",
                        "marco_forge.action_roles.base: the root holds the question, no model writes it",
                        "marco_forge.action_roles.hypothesis names unknown role 'nobody'; known: policy, critic"
                                + " (define a role in marco_forge.roles)");
    }

    @Test
    void aConfigMustBeAnObject() {
        assertThatThrownBy(() -> SearchConfigParser.parse(json("[1, 2]")))
                .isInstanceOf(InvalidSearchConfigException.class).hasMessageContaining("must be a JSON object");
    }

    @Test
    void urlOverridesReplaceTheConfigsUrls() throws IOException {
        JsonNode overridden = SearchConfigParser.withUrls(referenceDemoConfig(), "http://policy:1/v1", null);

        SearchConfig config = SearchConfigParser.parse(overridden);
        assertThat(config.url1()).isEqualTo("http://policy:1/v1");
        assertThat(config.url2()).endsWith("/40001/generate");
    }
}
