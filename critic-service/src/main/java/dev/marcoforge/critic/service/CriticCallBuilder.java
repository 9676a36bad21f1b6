package dev.marcoforge.critic.service;

import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.CriticRequest;
import dev.marcoforge.contracts.TokenConfidence;
import dev.marcoforge.critic.client.ChatCompletionRequest;
import dev.marcoforge.critic.client.CriticCall;
import dev.marcoforge.critic.client.GenerateRequest;
import dev.marcoforge.critic.client.ModelEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link CriticRequest} into a model call.
 *
 * <p>The prefix rule: the conversation's final assistant message is the full prefix the critic continues, the
 * prefill included (text so far, the open tag, then the prefill). Generators that keep the prefill separate are
 * tolerated: when the final assistant message does not already end with the prefill, the prefill is appended to
 * it, so it is never sent twice. A conversation that ends with a user turn gets an assistant message holding just
 * the prefill; with no prefill either, the critic simply answers a new assistant turn.
 */
public class CriticCallBuilder {

    private final ModelEndpoint configuredEndpoint;
    private final String model;

    public CriticCallBuilder(ModelEndpoint configuredEndpoint, String model) {
        this.configuredEndpoint = configuredEndpoint;
        this.model = model;
    }

    public CriticCall build(CriticRequest request) {
        boolean ownEndpoint = request.endpoint() == null || request.endpoint().isBlank();
        ModelEndpoint endpoint = ownEndpoint ? configuredEndpoint : ModelEndpoint.of(request.endpoint());
        Prefix prefix = prefix(request.conversation(), request.prefill());
        if (endpoint.protocol() == ModelEndpoint.Protocol.MARCO_GENERATE) {
            if (request.logprobs()) {
                throw new IllegalArgumentException("the request asks for token logprobs, but " + endpoint.callUrl()
                        + " speaks the reference /generate protocol, which returns none");
            }
            return new CriticCall.Generate(endpoint, ownEndpoint, generateBody(request, prefix));
        }
        return new CriticCall.Chat(endpoint, ownEndpoint, chatBody(request, prefix));
    }

    ChatCompletionRequest chatBody(CriticRequest request, Prefix prefix) {
        var sampling = request.sampling();
        // A request that names another server may name that server's model too.
        String modelName = request.model() == null || request.model().isBlank() ? model : request.model();
        return new ChatCompletionRequest(modelName, prefix.messages(), request.n(),
                request.stop().isEmpty() ? null : request.stop(), sampling.maxTokens(), sampling.temperature(),
                sampling.topP(), sampling.seed(), prefix.continuesAssistant(), !prefix.continuesAssistant(),
                request.logprobs() ? Boolean.TRUE : null, request.logprobs() ? TokenConfidence.CANDIDATES : null);
    }

    GenerateRequest generateBody(CriticRequest request, Prefix prefix) {
        String question = "";
        for (ChatMessage message : request.conversation()) {
            if ("user".equals(message.role())) {
                question = message.content();
            }
        }
        List<ChatMessage> messages = prefix.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        String output = "assistant".equals(last.role()) ? last.content() : "";
        var sampling = request.sampling();
        return new GenerateRequest(question, output, request.stop(), request.n(), sampling.temperature(),
                sampling.maxTokens());
    }

    /** The messages to send and whether their last one is an assistant prefix to continue. */
    public record Prefix(List<ChatMessage> messages, boolean continuesAssistant) {
    }

    public static Prefix prefix(List<ChatMessage> conversation, String prefill) {
        String fill = prefill == null ? "" : prefill;
        List<ChatMessage> messages = new ArrayList<>(conversation);
        ChatMessage last = messages.get(messages.size() - 1);
        if ("assistant".equals(last.role())) {
            if (!last.content().endsWith(fill)) {
                messages.set(messages.size() - 1, ChatMessage.assistant(last.content() + fill));
            }
            return new Prefix(List.copyOf(messages), true);
        }
        if (fill.isEmpty()) {
            return new Prefix(List.copyOf(messages), false);
        }
        messages.add(ChatMessage.assistant(fill));
        return new Prefix(List.copyOf(messages), true);
    }
}
