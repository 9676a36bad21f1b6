package dev.marcoforge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.openai.ChatCompletionRequest;
import dev.marcoforge.gateway.openai.ChatRequestValidator;
import dev.marcoforge.gateway.openai.OpenAiException;
import org.junit.jupiter.api.Test;

class ChatRequestValidatorTests {

    private static final String USER = "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]";

    @Test
    void aFullRequestIsTranslated() {
        ChatCompletionRequest request = valid("""
                {"model": "m", "messages": [{"role": "system", "content": "s"},
                  {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}],
                 "temperature": 0, "top_p": 1, "n": 16, "max_tokens": 10, "max_completion_tokens": 20,
                 "stop": ["x", "y"], "seed": 42, "user": "u", "stream": false, "frequency_penalty": 0.5}
                """);

        assertThat(request.model()).isEqualTo("m");
        assertThat(request.messages()).containsExactly(ChatMessage.system("s"), ChatMessage.user("a\nb"));
        assertThat(request.sampling().temperature()).isZero();
        assertThat(request.sampling().topP()).isEqualTo(1.0);
        assertThat(request.sampling().maxTokens()).as("max_completion_tokens wins").isEqualTo(20);
        assertThat(request.sampling().seed()).isEqualTo(42L);
        assertThat(request.n()).isEqualTo(16);
        assertThat(request.stop()).containsExactly("x", "y");
        assertThat(request.user()).isEqualTo("u");
    }

    @Test
    void defaultsAndNullsAreAccepted() {
        ChatCompletionRequest request = valid("{\"model\": \"m\", " + USER
                + ", \"temperature\": null, \"stop\": \"END\", \"max_tokens\": 5}");
        assertThat(request.n()).isEqualTo(1);
        assertThat(request.sampling().temperature()).isNull();
        assertThat(request.sampling().maxTokens()).isEqualTo(5);
        assertThat(request.stop()).containsExactly("END");
    }

    @Test
    void eachInvalidFieldIsNamed() {
        assertInvalid("{" + USER + "}", "model", "'model' is required");
        assertInvalid("{\"model\": \" \", " + USER + "}", "model", "non-empty string");
        assertInvalid("{\"model\": \"m\"}", "messages", "'messages' is required");
        assertInvalid("{\"model\": \"m\", \"messages\": {}}", "messages", "non-empty array");
        assertInvalid("{\"model\": \"m\", \"messages\": [\"hi\"]}", "messages[0]", "must be an object");
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"content\": \"x\"}]}", "messages[0].role", "is required");
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\"}]}", "messages[0].content",
                "is required");
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": 3}]}",
                "messages[0].content", "string or an array of text parts");
        assertInvalid("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}]}",
                "messages[0].content[0]", "only text parts");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"temperature\": \"hot\"}", "temperature", "a number");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"temperature\": 2.01}", "temperature", "[0, 2]");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"top_p\": 1.5}", "top_p", "(0, 1]");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"top_p\": 0}", "top_p", "(0, 1]");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"n\": 0}", "n", "from 1 to 16");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"n\": 1.5}", "n", "from 1 to 16");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"max_tokens\": 0}", "max_tokens", "positive integer");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"max_completion_tokens\": \"9\"}", "max_completion_tokens",
                "positive integer");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"stop\": [1]}", "stop", "string or an array");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"stop\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}", "stop",
                "at most 4");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"seed\": \"x\"}", "seed", "an integer");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"user\": 1}", "user", "a string");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"stream\": 1}", "stream", "a boolean");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"stream\": true, \"stream_options\": []}",
                "stream_options", "an object");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"stream\": true, \"stream_options\":"
                + " {\"include_usage\": \"yes\"}}", "stream_options.include_usage", "a boolean");
        assertInvalid("{\"model\": \"m\", " + USER + ", \"reasoning_parser\": 3}", "reasoning_parser",
                "one of [marco, think, none]");
    }

    @Test
    void streamingWithUsageAndAParserOfItsOwnIsAccepted() {
        var request = valid("{\"model\": \"m\", " + USER + ", \"stream\": true, \"stream_options\":"
                + " {\"include_usage\": true}, \"reasoning_parser\": \"none\"}");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.reasoningParser()).isEqualTo("none");
        assertThat(request.rawPrompt()).isFalse();
    }

    @Test
    void aLegacyCompletionTakesAPromptStringOrOneElementArray() {
        var request = ChatRequestValidator.validateCompletion(tree("{\"model\": \"m\", \"prompt\": [\"Once\"],"
                + " \"max_tokens\": 5}"));
        assertThat(request.prompt()).isEqualTo("Once");
        assertThat(request.messages()).isEmpty();
        assertThat(request.sampling().maxTokens()).isEqualTo(5);
        assertThatThrownBy(() -> ChatRequestValidator.validateCompletion(tree("{\"model\": \"m\", \"prompt\":"
                + " [1, 2]}"))).isInstanceOf(OpenAiException.class).hasMessageContaining("'prompt' must be a string");
        assertThatThrownBy(() -> ChatRequestValidator.validateCompletion(tree("{\"model\": \"m\"}")))
                .isInstanceOf(OpenAiException.class).hasMessageContaining("'prompt' is required");
    }

    @Test
    void allProblemsAreReportedWithTheFirstAsParam() {
        var error = invalid("{\"messages\": [{\"role\": \"bot\", \"content\": \"x\"}], \"n\": 99}");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.body().error().param()).isEqualTo("model");
        assertThat(error.getMessage()).contains("'model' is required")
                .contains("'messages[0].role' must be one of [assistant, system, user], got \"bot\"")
                .contains("'n' must be an integer from 1 to 16, got 99");
        assertThat(error.body().error().type()).isEqualTo("invalid_request_error");
        assertThat(error.body().error().code()).isNull();
    }

    @Test
    void aBodyThatIsNoObjectIsRejected() {
        assertThat(invalid("[]").getMessage()).contains("must be a JSON object");
        assertThatThrownBy(() -> ChatRequestValidator.validate(null)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("request body is required");
    }

    private static void assertInvalid(String json, String param, String messagePart) {
        OpenAiException error = invalid(json);
        assertThat(error.body().error().param()).as(json).isEqualTo(param);
        assertThat(error.getMessage()).as(json).contains(messagePart);
    }

    private static OpenAiException invalid(String json) {
        try {
            ChatRequestValidator.validate(tree(json));
        } catch (OpenAiException e) {
            return e;
        }
        throw new AssertionError("expected " + json + " to be rejected");
    }

    private static ChatCompletionRequest valid(String json) {
        return ChatRequestValidator.validate(tree(json));
    }

    private static JsonNode tree(String json) {
        try {
            return MessageCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
