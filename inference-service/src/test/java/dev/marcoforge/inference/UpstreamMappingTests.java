package dev.marcoforge.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.inference.service.Deadline;
import dev.marcoforge.inference.service.InferenceFailure;
import dev.marcoforge.inference.service.UpstreamMapping;
import dev.marcoforge.inference.upstream.ChatCompletionResponse;
import dev.marcoforge.inference.upstream.ChatCompletionResponse.Choice;
import dev.marcoforge.inference.upstream.ChatCompletionResponse.Message;
import dev.marcoforge.inference.upstream.ChatCompletionResponse.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamMappingTests {

    @Test
    void theRequestGoesUpstreamUnderTheUpstreamModelName() {
        var request = new InferenceRequest(1, "r1", "marco-sandbox", List.of(ChatMessage.user("hi")),
                new Sampling(0.2, 0.9, 32, 3L), 2, List.of("STOP"), "bob", false, 0);
        var body = UpstreamMapping.toUpstream(request, "sandbox-policy");
        assertThat(body.model()).isEqualTo("sandbox-policy");
        assertThat(body.messages()).containsExactly(ChatMessage.user("hi"));
        assertThat(body.temperature()).isEqualTo(0.2);
        assertThat(body.topP()).isEqualTo(0.9);
        assertThat(body.maxTokens()).isEqualTo(32);
        assertThat(body.n()).isEqualTo(2);
        assertThat(body.stop()).containsExactly("STOP");
        assertThat(body.seed()).isEqualTo(3L);
        assertThat(body.user()).isEqualTo("bob");
        assertThat(body.stream()).isNull();
        assertThat(body.streamOptions()).isNull();
    }

    @Test
    void aStreamedRequestAsksForUsage() {
        var request = new InferenceRequest(1, "r1", "m", List.of(ChatMessage.user("hi")), null, null, null, null,
                true, 0);
        var body = UpstreamMapping.toUpstream(request, "m");
        assertThat(body.stream()).isTrue();
        assertThat(body.streamOptions().includeUsage()).isTrue();
        assertThat(body.stop()).isNull();
        assertThat(body.temperature()).isNull();
    }

    @Test
    void theAnswerKeepsTheServedNameAndOrdersChoices() {
        var response = new ChatCompletionResponse("id", "sandbox-policy", List.of(
                new Choice(1, new Message("assistant", "b"), null, "length"),
                new Choice(0, new Message("assistant", null), null, "stop")), new Usage(3, 4, null));
        InferenceResult result = UpstreamMapping.toResult("r1", "marco-sandbox", response);
        assertThat(result.model()).isEqualTo("marco-sandbox");
        assertThat(result.last()).isTrue();
        assertThat(result.choices()).containsExactly(new InferenceResult.Choice(0, "", "stop"),
                new InferenceResult.Choice(1, "b", "length"));
        assertThat(result.usage()).isEqualTo(new InferenceResult.Usage(3, 4, 7));
    }

    @Test
    void anAnswerWithoutChoicesIsAnUpstreamError() {
        assertThatThrownBy(() -> UpstreamMapping.toResult("r1", "m", new ChatCompletionResponse("id", "m",
                List.of(), null)))
                .isInstanceOfSatisfying(InferenceFailure.class, f -> assertThat(f.error().status()).isEqualTo(502));
    }

    @Test
    void chunksCarryDeltasAndSkipTheRoleOnlyOpening() {
        var opening = new ChatCompletionResponse("id", "m",
                List.of(new Choice(0, null, new Message("assistant", ""), null)), null);
        assertThat(UpstreamMapping.toChunk("r1", "m", 0, opening)).isNull();

        var piece = new ChatCompletionResponse("id", "m", List.of(new Choice(0, null, new Message(null, "Hel"),
                null)), null);
        InferenceResult chunk = UpstreamMapping.toChunk("r1", "m", 4, piece);
        assertThat(chunk.sequence()).isEqualTo(4);
        assertThat(chunk.last()).isFalse();
        assertThat(chunk.choices()).containsExactly(new InferenceResult.Choice(0, "Hel", null));

        var finish = new ChatCompletionResponse("id", "m", List.of(new Choice(0, null, new Message(null, null),
                "stop")), null);
        assertThat(UpstreamMapping.toChunk("r1", "m", 5, finish).choices())
                .containsExactly(new InferenceResult.Choice(0, null, "stop"));

        InferenceResult end = UpstreamMapping.endOfStream("r1", "m", 6, new Usage(1, 2, 3));
        assertThat(end.last()).isTrue();
        assertThat(end.choices()).isEmpty();
        assertThat(end.usage()).isEqualTo(new InferenceResult.Usage(1, 2, 3));
    }

    @Test
    void theDeadlineCapsTheUpstreamTimeout() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);
        Deadline soon = Deadline.of(13_000, clock);
        assertThat(soon.passed()).isFalse();
        assertThat(soon.cap(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(3));
        assertThat(soon.binds(Duration.ofSeconds(120))).isTrue();
        assertThat(soon.cap(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));

        assertThat(Deadline.of(10_000, clock).passed()).isTrue();
        Deadline none = Deadline.of(0, clock);
        assertThat(none.passed()).isFalse();
        assertThat(none.remaining()).isNull();
        assertThat(none.cap(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
    }
}
