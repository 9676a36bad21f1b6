package dev.marcoforge.critic.client;

/**
 * One model call, ready to send: the endpoint, the body in that endpoint's protocol, and whether the configured
 * API key may go with it (only to the configured endpoint, never to one a request named).
 */
public sealed interface CriticCall permits CriticCall.Chat, CriticCall.Generate {

    ModelEndpoint endpoint();

    boolean withApiKey();

    record Chat(ModelEndpoint endpoint, boolean withApiKey, ChatCompletionRequest body) implements CriticCall {
    }

    record Generate(ModelEndpoint endpoint, boolean withApiKey, GenerateRequest body) implements CriticCall {
    }
}
