package dev.marcoforge.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.marcoforge.gateway.openai.PendingCompletions;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** langchain4j's OpenAiChatModel and OpenAiStreamingChatModel against the gateway, the test playing inference. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(ApiTestSettings.class)
class LangChain4jClientIT {

    private static FakeInferenceService inference;
    private static String apiKey;

    @Inject
    PendingCompletions pending;

    @BeforeAll
    static void startInference() {
        inference = new FakeInferenceService();
    }

    @AfterAll
    static void stopInference() throws InterruptedException {
        inference.close();
    }

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        if (apiKey == null) {
            apiKey = TestKeys.unlimited("langchain4j");
        }
    }

    private static OpenAiChatModel.OpenAiChatModelBuilder chatModel(String model, String key) {
        return OpenAiChatModel.builder().baseUrl(OpenAiStreamingIT.baseUrl() + "/v1").apiKey(key).modelName(model)
                .maxRetries(0).timeout(Duration.ofSeconds(20));
    }

    private static OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder streamingModel(String model) {
        return OpenAiStreamingChatModel.builder().baseUrl(OpenAiStreamingIT.baseUrl() + "/v1").apiKey(apiKey)
                .modelName(model).timeout(Duration.ofSeconds(20));
    }

    @Test
    void aPlainChatWithStopAndSeed() {
        ChatResponse response = chatModel("marco-sandbox", apiKey).stop(List.of("</answer>")).seed(11).build()
                .chat(ChatRequest.builder().messages(UserMessage.from("hello langchain4j")).build());

        assertThat(response.aiMessage().text()).isEqualTo("echo 0: hello langchain4j");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(8);
        var sent = inference.request(response.id());
        assertThat(sent.stop()).containsExactly("</answer>");
        assertThat(sent.sampling().seed()).isEqualTo(11L);
    }

    @Test
    void theReasoningArrivesAsThinkingWholeAndStreamed() throws Exception {
        ChatResponse whole = chatModel(ApiTestSettings.REASONER, apiKey).returnThinking(true).build()
                .chat(ChatRequest.builder().messages(UserMessage.from("marco")).build());
        assertThat(whole.aiMessage().text()).isEqualTo("There are 3.");
        assertThat(whole.aiMessage().thinking()).contains("<thinking>").doesNotContain("answer>");

        var thinking = new StringBuilder();
        var text = new StringBuilder();
        var done = new CompletableFuture<ChatResponse>();
        streamingModel(ApiTestSettings.REASONER).returnThinking(true).build().chat("marco",
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        text.append(partial);
                    }

                    @Override
                    public void onPartialThinking(PartialThinking partial) {
                        thinking.append(partial.text());
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        ChatResponse streamed = done.get(20, TimeUnit.SECONDS);
        assertThat(text).hasToString("There are 3.");
        assertThat(thinking.toString()).startsWith("<sub-task>").endsWith("</double-check>");
        assertThat(streamed.aiMessage().text()).isEqualTo("There are 3.");
        // langchain4j asks for the usage chunk (stream_options.include_usage) and reads it.
        assertThat(streamed.tokenUsage().totalTokenCount()).isEqualTo(16);
        assertThat(streamed.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void keysModelsAndLimitsBecomeLangChain4jsTypedErrors() {
        assertThatThrownBy(() -> chatModel("marco-sandbox", "mf-000000000000-wrong").build().chat("hi"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> chatModel("gpt-9", apiKey).build().chat("hi"))
                .isInstanceOf(ModelNotFoundException.class);
        String limited = TestKeys.create(Map.of("name", "lc4j-limited", "requests_per_minute", 1));
        var model = chatModel("marco-sandbox", limited).build();
        model.chat("one");
        assertThatThrownBy(() -> model.chat("two")).isInstanceOf(RateLimitException.class);
    }

    @Test
    void cancellingAStreamFreesTheRequestAtTheGateway() throws Exception {
        var partials = new AtomicInteger();
        var cancelled = new CompletableFuture<Void>();
        streamingModel("marco-sandbox").build().chat("slow-stream", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                if (partials.incrementAndGet() == 2) {
                    context.streamingHandle().cancel();
                    cancelled.complete(null);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                cancelled.completeExceptionally(new AssertionError("the stream ran to its end"));
            }

            @Override
            public void onError(Throwable error) {
                cancelled.completeExceptionally(error);
            }
        });
        cancelled.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.size() == 0);
        assertThat(partials.get()).isLessThan(10);
    }
}
