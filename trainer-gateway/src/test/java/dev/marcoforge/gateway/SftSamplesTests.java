package dev.marcoforge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChainStep;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.gateway.dataset.SftSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class SftSamplesTests {

    private final Chain chain = new Chain(1, "c-1", "job-7", "p-1", "t-1", "How many r in strawberry?",
            "Think first.\n", List.of(new ChainStep("n0", "root", "", "actor"),
                    new ChainStep("n1", "thought", "<thinking>s-t-r-a-w\n\"b\"-e-r-r-y</thinking>\n", "actor"),
                    new ChainStep("n2", "answer", "<answer>\\boxed{3}</answer>", "critic")),
            Verdict.correct("3", "ok"), 60);

    @Test
    void theLineIsOneJsonObjectWithTheUserPromptAndTheChainAsAssistant() throws Exception {
        String line = SftSamples.line(chain);

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        JsonNode sample = MessageCodec.mapper().readTree(line);
        assertThat(sample.fieldNames()).toIterable().containsExactly("messages");
        JsonNode messages = sample.get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Think first.\nHow many r in strawberry?");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).get("content").asText())
                .isEqualTo("<thinking>s-t-r-a-w\n\"b\"-e-r-r-y</thinking>\n<answer>\\boxed{3}</answer>");
    }

    @Test
    void theRecordCarriesTheSameConversationUnderTheJobsDataSet() {
        var record = SftSamples.record("ds-1", chain);

        assertThat(record.datasetId()).isEqualTo("ds-1");
        assertThat(record.recordId()).isEqualTo(SftSamples.record("ds-1", chain).recordId())
                .isNotEqualTo(SftSamples.record("ds-2", chain).recordId());
        assertThat(record.problemId()).isEqualTo("p-1");
        assertThat(record.chainId()).isEqualTo("c-1");
        assertThat(record.messages()).isEqualTo(SftSamples.messages(chain));
    }

    @Test
    void aMissingBasePromptLeavesTheQuestionAlone() {
        var bare = new Chain(1, "c-2", "j", "p", "t", "Q?", null, chain.steps(), chain.verdict(), 1);
        assertThat(SftSamples.messages(bare).get(0).content()).isEqualTo("Q?");
    }
}
