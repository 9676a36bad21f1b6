package dev.marcoforge.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.Sampling;
import dev.marcoforge.critic.client.CriticCall;
import dev.marcoforge.critic.client.ModelEndpoint;
import dev.marcoforge.critic.service.CriticCallBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticCallBuilderTests {

    private static final String PREFILL = "Wait! Maybe I made some mistakes!";

    private final CriticCallBuilder builder = new CriticCallBuilder(ModelEndpoint.of("http://critic:8000/v1/"),
            "llama-critic");

    @Test
    void chatCallContinuesTheAssistantPrefixWithThePrefillAppended() {
        var call = (CriticCall.Chat) builder.build(request(List.of(ChatMessage.user("q"),
                ChatMessage.assistant("<thinking>so far ")), PREFILL, null));

        assertThat(call.endpoint().callUrl()).isEqualTo("http://critic:8000/v1/chat/completions");
        assertThat(call.withApiKey()).isTrue();
        var body = call.body();
        assertThat(body.model()).isEqualTo("llama-critic");
        assertThat(body.messages()).containsExactly(ChatMessage.user("q"),
                ChatMessage.assistant("<thinking>so far " + PREFILL));
        assertThat(body.continueFinalMessage()).isTrue();
        assertThat(body.addGenerationPrompt()).isFalse();
        assertThat(body.n()).isEqualTo(4);
        assertThat(body.stop()).containsExactly("</thinking>");
        assertThat(body.maxTokens()).isEqualTo(128);
        assertThat(body.temperature()).isEqualTo(0.5);
        assertThat(body.topP()).isEqualTo(0.95);
        assertThat(body.seed()).isEqualTo(7L);
    }

    @Test
    void aPrefillTheGeneratorAlreadyAppendedIsNotRepeated() {
        var prefix = CriticCallBuilder.prefix(List.of(ChatMessage.user("q"),
                ChatMessage.assistant("<thinking>so far " + PREFILL)), PREFILL);
        assertThat(prefix.messages().get(1).content()).isEqualTo("<thinking>so far " + PREFILL);
        assertThat(prefix.continuesAssistant()).isTrue();
    }

    @Test
    void aConversationEndingWithTheUserGetsThePrefillAsANewAssistantPrefix() {
        var prefix = CriticCallBuilder.prefix(List.of(ChatMessage.user("q")), "<thinking>");
        assertThat(prefix.messages()).containsExactly(ChatMessage.user("q"), ChatMessage.assistant("<thinking>"));
        assertThat(prefix.continuesAssistant()).isTrue();

        var fresh = CriticCallBuilder.prefix(List.of(ChatMessage.user("q")), "");
        assertThat(fresh.messages()).containsExactly(ChatMessage.user("q"));
        assertThat(fresh.continuesAssistant()).isFalse();
    }

    @Test
    void anUnsetSamplingAndNoStopAreLeftToTheServer() {
        var request = new CriticRequest(1, "r", "j", "p", "n", "reflect",
                List.of(ChatMessage.user("q"), ChatMessage.assistant("a")), null, null, 1, null, null);
        var body = ((CriticCall.Chat) builder.build(request)).body();
        assertThat(body.stop()).isNull();
        assertThat(body.temperature()).isNull();
        assertThat(body.maxTokens()).isNull();
        assertThat(body.seed()).isNull();
        assertThat(body.messages().get(1).content()).isEqualTo("a");
    }

    @Test
    void aGenerateEndpointUsesTheReferenceProtocolAndNoApiKey() {
        var call = builder.build(request(List.of(ChatMessage.system("sys"), ChatMessage.user("first"),
                ChatMessage.user("the question"), ChatMessage.assistant("<thinking>x ")), PREFILL,
                "http://other:9000/generate"));

        assertThat(call).isInstanceOf(CriticCall.Generate.class);
        assertThat(call.withApiKey()).isFalse();
        assertThat(call.endpoint().callUrl()).isEqualTo("http://other:9000/generate");
        var body = ((CriticCall.Generate) call).body();
        assertThat(body.userQuestion()).isEqualTo("the question");
        assertThat(body.modelOutput()).isEqualTo("<thinking>x " + PREFILL);
        assertThat(body.endTokens()).containsExactly("</thinking>");
        assertThat(body.n()).isEqualTo(4);
        assertThat(body.temperature()).isEqualTo(0.5);
        assertThat(body.maxTokens()).isEqualTo(128);
    }

    @Test
    void aRequestEndpointOverridesTheConfiguredOneWithoutTheApiKey() {
        var call = builder.build(request(List.of(ChatMessage.user("q"), ChatMessage.assistant("a")), "",
                "https://llama.example/v1"));
        assertThat(call).isInstanceOf(CriticCall.Chat.class);
        assertThat(call.endpoint().callUrl()).isEqualTo("https://llama.example/v1/chat/completions");
        assertThat(call.withApiKey()).isFalse();
    }

    @Test
    void aBadEndpointIsRejectedWithItsValue() {
        assertThatThrownBy(() -> builder.build(request(List.of(ChatMessage.user("q")), "", "ftp://x/generate")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://x/generate");
        assertThatThrownBy(() -> builder.build(request(List.of(ChatMessage.user("q")), "", "not a url")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestForAnotherRoleNamesItsServerAndModelAndMayAskForLogprobs() {
        var request = new CriticRequest(1, "r", "j", "p", "n", "double_check", List.of(ChatMessage.user("q"),
                ChatMessage.assistant("<double-check>")), "", List.of(), 1, null, "http://judge:8000/v1",
                "judge-model", true);
        var call = (CriticCall.Chat) builder.build(request);

        assertThat(call.endpoint().callUrl()).isEqualTo("http://judge:8000/v1/chat/completions");
        assertThat(call.withApiKey()).as("the configured key never goes to a server a request named").isFalse();
        assertThat(call.body().model()).isEqualTo("judge-model");
        assertThat(call.body().logprobs()).isTrue();
        assertThat(call.body().topLogprobs()).isEqualTo(5);

        var plain = (CriticCall.Chat) builder.build(request(List.of(ChatMessage.user("q")), "", null));
        assertThat(plain.body().model()).isEqualTo("llama-critic");
        assertThat(plain.body().logprobs()).isNull();
        assertThat(plain.body().topLogprobs()).isNull();
    }

    @Test
    void logprobsFromAServerOfTheReferenceProtocolAreRefused() {
        var request = new CriticRequest(1, "r", "j", "p", "n", "double_check", List.of(ChatMessage.user("q")), "",
                List.of(), 1, null, "http://ref:8000/generate", null, true);
        assertThatThrownBy(() -> builder.build(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://ref:8000/generate").hasMessageContaining("returns none");
    }

    private static CriticRequest request(List<ChatMessage> conversation, String prefill, String endpoint) {
        return new CriticRequest(1, "req-1", "job-1", "problem-1", "node-1", "double_check", conversation, prefill,
                List.of("</thinking>"), 4, new Sampling(0.5, 0.95, 128, 7L), endpoint);
    }
}
