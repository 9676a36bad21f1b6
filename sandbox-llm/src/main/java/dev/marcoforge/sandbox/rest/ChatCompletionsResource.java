package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.config.SandboxConfig;
import dev.marcoforge.sandbox.simulation.CompletionEngine;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GenerationRequest;
import dev.marcoforge.sandbox.simulation.FinishReason;
import dev.marcoforge.sandbox.simulation.Persona;
import dev.marcoforge.sandbox.simulation.TokenLogprob;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private static final String ENDPOINT = "chat.completions";

    private final ObjectMapper mapper;
    private final CompletionEngine engine;
    private final PersonaSelector personas;
    private final CompletionServer server;
    private final SandboxConfig config;

    public ChatCompletionsResource(ObjectMapper mapper, CompletionEngine engine, PersonaSelector personas,
                                   CompletionServer server, SandboxConfig config) {
        this.mapper = mapper;
        this.engine = engine;
        this.personas = personas;
        this.server = server;
        this.config = config;
    }

    /**
     * The body is read as text so that malformed JSON and bad fields get OpenAI-shaped errors naming the field.
     * Blocking: queueing and simulated latency sleep on a worker thread.
     */
    @POST
    @Blocking
    @Operation(summary = "OpenAI chat completion, simulated; a final assistant message is continued")
    public Response create(String body) {
        ChatCompletionCall call = ChatCompletionCall.read(mapper, body, config.defaultMaxTokens(),
                PersonaSelector.POLICY_MODEL);
        SamplingOptions sampling = call.sampling();
        Persona persona = personas.forModel(call.model());
        GenerationRequest request = new GenerationRequest(persona, sampling.temperature(), sampling.seed(),
                sampling.n(), sampling.maxTokens(), sampling.stops(), call.topLogprobs());
        return server.serve(ENDPOINT, persona, call.promptTokens(), sampling,
                () -> engine.generate(call.conversation(), request),
                new ChatShape(Ids.chatCompletion(), Ids.nowEpochSeconds(), call.model()));
    }

    private static final class ChatShape implements ResponseShape {

        private static final String CHUNK = "chat.completion.chunk";

        private final String id;
        private final long created;
        private final String model;

        ChatShape(String id, long created, String model) {
            this.id = id;
            this.created = created;
            this.model = model;
        }

        @Override
        public Object completion(List<GeneratedChoice> choices, Usage usage) {
            List<ChatCompletion.Choice> shaped = choices.stream()
                    .map(choice -> new ChatCompletion.Choice(choice.index(),
                            new ChatCompletion.Message("assistant", choice.text()), choice.finishReason().wireName(),
                            logprobs(choice.logprobs())))
                    .collect(Collectors.toList());
            return new ChatCompletion(id, "chat.completion", created, model, shaped, usage);
        }

        @Override
        public Object opening(int index) {
            return chunk(index, new ChatCompletionChunk.Delta("assistant", ""), null, null);
        }

        @Override
        public Object content(int index, String text, List<TokenLogprob> logprobs) {
            return chunk(index, new ChatCompletionChunk.Delta(null, text), logprobs(logprobs), null);
        }

        @Override
        public Object finish(int index, FinishReason reason) {
            return chunk(index, new ChatCompletionChunk.Delta(null, null), null, reason.wireName());
        }

        @Override
        public Object usage(Usage usage) {
            return new ChatCompletionChunk(id, CHUNK, created, model, List.of(), usage);
        }

        private ChatCompletionChunk chunk(int index, ChatCompletionChunk.Delta delta, ChatLogprobs logprobs,
                                          String finishReason) {
            return new ChatCompletionChunk(id, CHUNK, created, model,
                    List.of(new ChatCompletionChunk.Choice(index, delta, logprobs, finishReason)), null);
        }

        private static ChatLogprobs logprobs(List<TokenLogprob> tokens) {
            return tokens == null ? null : ChatLogprobs.of(tokens);
        }
    }
}
