package dev.marcoforge.gateway.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each file against the fields TRL and LLaMA-Factory document, and byte-identical rebuilds. */
class DatasetFormatsTests {

    private static final String JOB = "job-f";

    private static Map<String, byte[]> render(DatasetOptions given, List<Chain> chains) {
        DatasetOptions options = DatasetOptions.resolve(given, "whitespace");
        return DatasetFormats.render(new DatasetBuilder("ds-x", List.of(JOB), options, TokenCounter.WHITESPACE,
                id -> false).build(chains));
    }

    private static List<JsonNode> lines(byte[] file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(MessageCodec.mapper().readTree(line));
            }
        }
        return lines;
    }

    private static JsonNode json(byte[] file) throws Exception {
        return MessageCodec.mapper().readTree(file);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private final Map<String, byte[]> files = render(
            new DatasetOptions(null, new DatasetOptions.Dpo(2, "longest-prefix", null, null), null, null),
            TreeFixture.tree(JOB));

    @Test
    void everyFileIsThere() {
        assertThat(files.keySet()).containsExactlyElementsOf(DatasetFormats.FILES);
    }

    @Test
    void trlSftIsConversationalLanguageModeling() throws Exception {
        List<JsonNode> sft = lines(files.get(DatasetFormats.TRL_SFT));
        assertThat(sft).hasSize(1);
        assertThat(names(sft.get(0))).containsExactly("messages");
        JsonNode messages = sft.get(0).get("messages");
        assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).get("content").asText())
                .isEqualTo(TreeFixture.BASE_PROMPT + TreeFixture.QUESTION);
        assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).get("content").asText()).isEqualTo(TreeFixture.c2(JOB).text());
    }

    @Test
    void trlDpoIsTheStandardPreferenceFormatWithTheSharedPrefix() throws Exception {
        List<JsonNode> dpo = lines(files.get(DatasetFormats.TRL_DPO));
        assertThat(dpo).hasSize(2);
        for (JsonNode line : dpo) {
            assertThat(names(line)).startsWith("prompt", "chosen", "rejected", "shared_prefix");
            assertThat(line.get("prompt").isTextual()).isTrue();
            assertThat(line.get("chosen").isTextual()).isTrue();
            assertThat(line.get("rejected").isTextual()).isTrue();
            String prefix = line.get("shared_prefix").asText();
            assertThat(line.get("chosen").asText()).startsWith(prefix);
            assertThat(line.get("rejected").asText()).startsWith(prefix);
            assertThat(line.get("shared_prefix_chars").asInt()).isEqualTo(prefix.codePointCount(0, prefix.length()));
            assertThat(line.get("shared_prefix_tokens").asInt()).isEqualTo(TokenCounter.WHITESPACE.count(prefix));
        }
        JsonNode first = dpo.get(0);
        assertThat(first.get("prompt").asText()).isEqualTo(TreeFixture.BASE_PROMPT + TreeFixture.QUESTION);
        assertThat(first.get("chosen").asText()).isEqualTo(TreeFixture.c1(JOB).text());
        assertThat(first.get("rejected").asText()).isEqualTo(TreeFixture.w1(JOB).text());
        assertThat(first.get("shared_prefix").asText())
                .isEqualTo(TreeFixture.TEXT.get("a") + TreeFixture.TEXT.get("b"));
    }

    @Test
    void theContinuationLayoutEndsThePromptWithTheSharedPrefixAsAnAssistantTurn() throws Exception {
        List<JsonNode> standard = lines(files.get(DatasetFormats.TRL_DPO));
        List<JsonNode> continuation = lines(files.get(DatasetFormats.TRL_DPO_CONTINUATION));
        assertThat(continuation).hasSize(standard.size());
        JsonNode line = continuation.get(0);
        assertThat(names(line)).startsWith("prompt", "chosen", "rejected");
        JsonNode prompt = line.get("prompt");
        assertThat(prompt).hasSize(2);
        assertThat(prompt.get(0).get("role").asText()).isEqualTo("user");
        assertThat(prompt.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(prompt.get(1).get("content").asText()).isEqualTo(standard.get(0).get("shared_prefix").asText());
        assertThat(line.get("chosen")).hasSize(1);
        assertThat(line.get("chosen").get(0).get("role").asText()).isEqualTo("assistant");
        assertThat(line.get("chosen").get(0).get("content").asText()).isEqualTo(TreeFixture.TEXT.get("c1"));
        assertThat(line.get("rejected").get(0).get("content").asText()).isEqualTo(TreeFixture.TEXT.get("w1"));
        // prefix + suffix gives back the full chain
        assertThat(prompt.get(1).get("content").asText() + line.get("chosen").get(0).get("content").asText())
                .isEqualTo(standard.get(0).get("chosen").asText());
    }

    @Test
    void anEmptySharedPrefixLeavesThePromptAtTheUserTurn() throws Exception {
        Chain otherTree = TreeFixture.chain(JOB, "p1", "t2", false, "e", "w2");
        var rendered = render(null, List.of(TreeFixture.c1(JOB), otherTree));
        JsonNode line = lines(rendered.get(DatasetFormats.TRL_DPO_CONTINUATION)).get(0);
        assertThat(line.get("prompt")).hasSize(1);
        assertThat(line.get("chosen").get(0).get("content").asText()).isEqualTo(TreeFixture.c1(JOB).text());
    }

    @Test
    void llamaFactoryFilesAreShareGptAndDescribedByDatasetInfo() throws Exception {
        JsonNode info = json(files.get(DatasetFormats.LF_INFO));
        assertThat(names(info)).containsExactly("marco_sft", "marco_dpo");
        JsonNode sftInfo = info.get("marco_sft");
        assertThat(sftInfo.get("file_name").asText()).isEqualTo("marco_sft.json");
        assertThat(sftInfo.get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(sftInfo.get("columns").get("messages").asText()).isEqualTo("conversations");
        assertThat(sftInfo.has("ranking")).isFalse();
        JsonNode dpoInfo = info.get("marco_dpo");
        assertThat(dpoInfo.get("file_name").asText()).isEqualTo("marco_dpo.json");
        assertThat(dpoInfo.get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(dpoInfo.get("ranking").asBoolean()).isTrue();
        assertThat(dpoInfo.get("columns").get("messages").asText()).isEqualTo("conversations");
        assertThat(dpoInfo.get("columns").get("chosen").asText()).isEqualTo("chosen");
        assertThat(dpoInfo.get("columns").get("rejected").asText()).isEqualTo("rejected");
        for (JsonNode tags : List.of(sftInfo.get("tags"), dpoInfo.get("tags"))) {
            assertThat(tags.get("role_tag").asText()).isEqualTo("from");
            assertThat(tags.get("content_tag").asText()).isEqualTo("value");
            assertThat(tags.get("user_tag").asText()).isEqualTo("human");
            assertThat(tags.get("assistant_tag").asText()).isEqualTo("gpt");
        }

        JsonNode sft = json(files.get(DatasetFormats.LF_SFT));
        assertThat(sft.isArray()).isTrue();
        assertThat(sft).hasSize(1);
        JsonNode conversation = sft.get(0).get("conversations");
        assertThat(conversation.get(0).get("from").asText()).isEqualTo("human");
        assertThat(conversation.get(1).get("from").asText()).isEqualTo("gpt");
        assertThat(conversation.get(1).get("value").asText()).isEqualTo(TreeFixture.c2(JOB).text());

        JsonNode dpo = json(files.get(DatasetFormats.LF_DPO));
        assertThat(dpo).hasSize(2);
        JsonNode pair = dpo.get(0);
        assertThat(names(pair)).containsExactly("conversations", "chosen", "rejected");
        // LLaMA-Factory wants an odd number of turns before the ranked answers: the prompt ends with the human.
        assertThat(pair.get("conversations")).hasSize(1);
        assertThat(pair.get("conversations").get(0).get("from").asText()).isEqualTo("human");
        assertThat(pair.get("chosen").get("from").asText()).isEqualTo("gpt");
        assertThat(pair.get("chosen").get("value").asText()).isEqualTo(TreeFixture.c1(JOB).text());
        assertThat(pair.get("rejected").get("from").asText()).isEqualTo("gpt");
        assertThat(pair.get("rejected").get("value").asText()).isEqualTo(TreeFixture.w1(JOB).text());
    }

    @Test
    void theStatsFileMatchesTheRecords() throws Exception {
        JsonNode stats = json(files.get(DatasetFormats.STATS));
        assertThat(stats.get("datasetId").asText()).isEqualTo("ds-x");
        assertThat(stats.get("counts").get("sftRecords").asInt())
                .isEqualTo(lines(files.get(DatasetFormats.TRL_SFT)).size());
        assertThat(stats.get("counts").get("dpoRecords").asInt())
                .isEqualTo(lines(files.get(DatasetFormats.TRL_DPO)).size());
        assertThat(names(stats.get("lengthChars"))).containsExactly("sft", "chosen", "rejected");
        assertThat(names(stats.get("lengthChars").get("sft"))).containsExactly("p10", "p50", "p90");
        assertThat(names(stats.get("drops"))).containsExactlyElementsOf(QualityFilters.NAMES);
        assertThat(stats.get("options").get("dpo").get("pairing").asText()).isEqualTo("longest-prefix");
    }

    @Test
    void theSameChainsAndOptionsGiveByteIdenticalFilesWhateverTheArrivalOrder() {
        List<Chain> shuffled = new ArrayList<>(TreeFixture.tree(JOB));
        Collections.shuffle(shuffled, new Random(11));
        var again = render(new DatasetOptions(null, new DatasetOptions.Dpo(2, "longest-prefix", null, null), null,
                null), shuffled);
        for (String file : DatasetFormats.FILES) {
            assertThat(again.get(file)).as(file).isEqualTo(files.get(file));
        }
        var other = render(new DatasetOptions(new DatasetOptions.Sft("shortest", null), null, null, null),
                TreeFixture.tree(JOB));
        assertThat(other.get(DatasetFormats.TRL_SFT)).isNotEqualTo(files.get(DatasetFormats.TRL_SFT));
        assertThat(other.get(DatasetFormats.TRL_DPO)).isNotEqualTo(files.get(DatasetFormats.TRL_DPO));
    }

    @Test
    void theDatasetIdDerivesFromTheJobsAndResolvedOptions() {
        var defaults = DatasetOptions.defaults("whitespace");
        String id = RecordIds.dataset(DatasetService.canonical(List.of("b", "a"), defaults));
        assertThat(id).matches("ds-[0-9a-f]{20}").isEqualTo(RecordIds.dataset(DatasetService.canonical(
                List.of("a", "b"), DatasetOptions.resolve(new DatasetOptions(
                        new DatasetOptions.Sft("LONGEST", null), null, null, null), "whitespace"))));
        assertThat(RecordIds.dataset(DatasetService.canonical(List.of("a", "b"),
                DatasetOptions.defaults("chars")))).isNotEqualTo(id);
    }
}
