package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.config.SandboxConfig;
import dev.marcoforge.sandbox.simulation.CompletionEngine;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GenerationRequest;
import dev.marcoforge.sandbox.simulation.Conversation;
import dev.marcoforge.sandbox.simulation.FinishReason;
import dev.marcoforge.sandbox.simulation.Persona;
import dev.marcoforge.sandbox.simulation.TokenLogprob;
import dev.marcoforge.sandbox.simulation.Tokenizer;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/completions")
public class CompletionsResource {

    private static final String ENDPOINT = "completions";

    private final ObjectMapper mapper;
    private final CompletionEngine engine;
    private final PersonaSelector personas;
    private final CompletionServer server;
    private final SandboxConfig config;

    public CompletionsResource(ObjectMapper mapper, CompletionEngine engine, PersonaSelector personas,
                               CompletionServer server, SandboxConfig config) {
        this.mapper = mapper;
        this.engine = engine;
        this.personas = personas;
        this.server = server;
        this.config = config;
    }

    @POST
    @Blocking
    @Operation(summary = "OpenAI text completion, simulated; the raw prompt holds the question and the text to continue")
    public Response create(String body) {
        TextCompletionCall call = TextCompletionCall.read(mapper, body, config.defaultMaxTokens(),
                PersonaSelector.POLICY_MODEL);
        SamplingOptions sampling = call.sampling();
        Persona persona = personas.forModel(call.model());
        int promptTokens = call.prompts().stream().mapToInt(Tokenizer::count).sum();
        return server.serve(ENDPOINT, persona, promptTokens, sampling, () -> generate(call, persona),
                new TextShape(Ids.textCompletion(), Ids.nowEpochSeconds(), call.model()));
    }

    private List<GeneratedChoice> generate(TextCompletionCall call, Persona persona) {
        SamplingOptions sampling = call.sampling();
        GenerationRequest request = new GenerationRequest(persona, sampling.temperature(), sampling.seed(),
                sampling.n(), sampling.maxTokens(), sampling.stops(), call.logprobs());
        List<GeneratedChoice> choices = new ArrayList<>();
        for (int p = 0; p < call.prompts().size(); p++) {
            String prompt = call.prompts().get(p);
            // OpenAI numbers choices across prompts: prompt p owns indexes p*n .. p*n+n-1.
            for (GeneratedChoice choice : engine.generate(Conversation.fromRawPrompt(prompt), request)) {
                // Echo and logprobs exclude each other, so echoed text never has logprobs to realign.
                choices.add(new GeneratedChoice(p * sampling.n() + choice.index(),
                        call.echo() ? prompt + choice.text() : choice.text(), choice.finishReason(),
                        choice.completionTokens(), choice.logprobs()));
            }
        }
        return choices;
    }

    private static final class TextShape implements ResponseShape {

        private static final String OBJECT = "text_completion";

        private final String id;
        private final long created;
        private final String model;

        TextShape(String id, long created, String model) {
            this.id = id;
            this.created = created;
            this.model = model;
        }

        @Override
        public Object completion(List<GeneratedChoice> choices, Usage usage) {
            List<TextCompletion.Choice> shaped = choices.stream()
                    .map(choice -> new TextCompletion.Choice(choice.index(), choice.text(),
                            logprobs(choice.logprobs()), choice.finishReason().wireName()))
                    .collect(Collectors.toList());
            return new TextCompletion(id, OBJECT, created, model, shaped, usage);
        }

        @Override
        public Object opening(int index) {
            return null;
        }

        @Override
        public Object content(int index, String text, List<TokenLogprob> logprobs) {
            return chunk(index, text, logprobs(logprobs), null);
        }

        @Override
        public Object finish(int index, FinishReason reason) {
            return chunk(index, "", null, reason.wireName());
        }

        @Override
        public Object usage(Usage usage) {
            return new TextCompletion(id, OBJECT, created, model, List.of(), usage);
        }

        private TextCompletion chunk(int index, String text, TextLogprobs logprobs, String finishReason) {
            return new TextCompletion(id, OBJECT, created, model,
                    List.of(new TextCompletion.Choice(index, text, logprobs, finishReason)), null);
        }

        private static TextLogprobs logprobs(List<TokenLogprob> tokens) {
            return tokens == null ? null : TextLogprobs.of(tokens);
        }
    }
}
