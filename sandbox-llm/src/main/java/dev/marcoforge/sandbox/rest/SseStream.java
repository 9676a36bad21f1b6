package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import dev.marcoforge.sandbox.simulation.TokenLogprob;
import dev.marcoforge.sandbox.simulation.Tokenizer;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes already generated choices as OpenAI server-sent events, paced by the per-token latency: every round
 * sends the next few tokens of each unfinished choice, then "data: [DONE]". It holds the serving slot until the
 * last byte is written.
 */
final class SseStream implements StreamingOutput {

    static final String MEDIA_TYPE = "text/event-stream";

    private final ObjectMapper mapper;
    private final ServingLatency latency;
    private final List<GeneratedChoice> choices;
    private final int tokensPerChunk;
    private final ChunkFormat format;
    private final Usage usage;
    private final AdmissionGate.Slot slot;

    /** @param usage null unless the client asked for the usage chunk */
    SseStream(ObjectMapper mapper, ServingLatency latency, List<GeneratedChoice> choices, int tokensPerChunk,
              ChunkFormat format, Usage usage, AdmissionGate.Slot slot) {
        this.mapper = mapper;
        this.latency = latency;
        this.choices = choices;
        this.tokensPerChunk = Math.max(1, tokensPerChunk);
        this.format = format;
        this.usage = usage;
        this.slot = slot;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try (slot) {
            latency.beforeFirstToken();
            for (GeneratedChoice choice : choices) {
                Object opening = format.opening(choice.index());
                if (opening != null) {
                    send(out, opening);
                }
            }
            List<List<String>> pieces = new ArrayList<>();
            int rounds = 0;
            for (GeneratedChoice choice : choices) {
                List<String> choicePieces = Tokenizer.pieces(choice.text(), tokensPerChunk);
                pieces.add(choicePieces);
                rounds = Math.max(rounds, choicePieces.size());
            }
            for (int round = 0; round < rounds; round++) {
                latency.forTokens(tokensPerChunk);
                for (int i = 0; i < choices.size(); i++) {
                    if (round < pieces.get(i).size()) {
                        GeneratedChoice choice = choices.get(i);
                        send(out, format.content(choice.index(), pieces.get(i).get(round),
                                logprobsOfPiece(choice, round)));
                    }
                }
            }
            for (GeneratedChoice choice : choices) {
                send(out, format.finish(choice.index(), choice.finishReason()));
            }
            if (usage != null) {
                send(out, format.usage(usage));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Piece {@code round} holds the choice's tokens from {@code round * tokensPerChunk} on (see Tokenizer.pieces). */
    private List<TokenLogprob> logprobsOfPiece(GeneratedChoice choice, int round) {
        if (choice.logprobs() == null) {
            return null;
        }
        int from = Math.min(round * tokensPerChunk, choice.logprobs().size());
        return choice.logprobs().subList(from, Math.min(from + tokensPerChunk, choice.logprobs().size()));
    }

    private void send(OutputStream out, Object chunk) throws IOException {
        out.write(("data: " + mapper.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        // Flushing per event is what makes the client see tokens as they "arrive".
        out.flush();
    }
}
