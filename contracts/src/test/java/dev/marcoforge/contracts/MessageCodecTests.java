package dev.marcoforge.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTests {

    @Test
    void verifyRequestRoundTripsThroughJson() {
        var request = new VerifyRequest(1, "r1", "job", "p1", "n1", "<answer>\\boxed{3}</answer>", "count_latter",
                IntNode.valueOf(3));

        var json = MessageCodec.encode(request);
        var back = MessageCodec.decode(json, VerifyRequest.class);

        assertThat(back).isEqualTo(request);
        assertThat(json).contains("\"schemaVersion\":1").contains("\"evaluator\":\"count_latter\"");
    }

    @Test
    void chainKeepsStepsInOrderAndDerivesAStableId() {
        var steps = List.of(new ChainStep("a", "sub_task", "<sub-task>x</sub-task>\n", "policy"),
                new ChainStep("b", "answer", "<answer>boxed{3}</answer>\n", "policy"));
        var chain = new Chain(1, Chain.idFor("t", "b"), "job", "p1", "t", "q?", "", steps,
                Verdict.correct("3", "boxed answer 3 equals the truth 3"), 40);

        var back = MessageCodec.decode(MessageCodec.encode(chain), Chain.class);

        assertThat(back.nodeIds()).containsExactly("a", "b");
        assertThat(back.text()).isEqualTo("<sub-task>x</sub-task>\n<answer>boxed{3}</answer>\n");
        assertThat(Chain.idFor("t", "b")).isEqualTo(back.chainId()).isNotEqualTo(Chain.idFor("t", "a"));
    }

    @Test
    void messagesOfProducersThatPredateTheNewerFieldsStillRead() {
        var request = MessageCodec.decode("{\"schemaVersion\":1,\"requestId\":\"r\",\"jobId\":\"j\","
                + "\"problemId\":\"p\",\"parentNodeId\":\"n\",\"action\":\"double_check\","
                + "\"conversation\":[{\"role\":\"user\",\"content\":\"q\"}],\"n\":1}", CriticRequest.class);
        assertThat(request.logprobs()).isFalse();
        assertThat(request.model()).isNull();
        var result = MessageCodec.decode("{\"schemaVersion\":1,\"requestId\":\"r\",\"jobId\":\"j\","
                + "\"problemId\":\"p\",\"parentNodeId\":\"n\",\"action\":\"double_check\","
                + "\"error\":\"model down\"}", CriticResult.class);
        assertThat(result.unavailable()).isFalse();
        assertThat(result.confidences()).isNull();
        var chain = new Chain(1, "c", "j", "p", "t", "q?", "", List.of(new ChainStep("a", "answer", "x", "policy")),
                Verdict.correct("3", "ok"), 1);
        assertThat(MessageCodec.decode(MessageCodec.encode(chain), Chain.class)).isEqualTo(chain);
        assertThat(chain.confidence()).isNull();
    }

    @Test
    void garbageIsRejectedWithAReason() {
        assertThatThrownBy(() -> MessageCodec.decode("{not json", VerifyRequest.class))
                .isInstanceOf(MessageCodec.MalformedMessageException.class)
                .hasMessageContaining("not a valid VerifyRequest");
    }

    @Test
    void missingFieldIsNamed() {
        var json = "{\"schemaVersion\":1,\"requestId\":\"r\",\"jobId\":\"j\",\"problemId\":\"p\",\"nodeId\":\"n\","
                + "\"answerText\":\"x\",\"groundTruth\":3}";
        assertThatThrownBy(() -> MessageCodec.decode(json, VerifyRequest.class))
                .isInstanceOf(MessageCodec.MalformedMessageException.class)
                .hasMessageContaining("'evaluator' is required");
    }

    @Test
    void unsupportedSchemaVersionIsRejected() {
        var json = MessageCodec.encode(new VerifyRequest(1, "r", "j", "p", "n", "x", "exact", IntNode.valueOf(1)))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> MessageCodec.decode(json, VerifyRequest.class))
                .hasMessageContaining("schemaVersion 7");
    }

    @Test
    void emptyMessageIsRejected() {
        assertThatThrownBy(() -> MessageCodec.decode("", Chain.class)).hasMessageContaining("empty message");
    }

    @Test
    void everyConsumedTopicHasADeadLetterTopic() {
        assertThat(Topics.all()).contains("marco.verify.requests.dlq", "marco.datasets.sft")
                .doesNotContain("marco.datasets.sft.dlq")
                .hasSize(Topics.CONSUMED.size() * 2 + Topics.PRODUCED_ONLY.size());
    }
}
