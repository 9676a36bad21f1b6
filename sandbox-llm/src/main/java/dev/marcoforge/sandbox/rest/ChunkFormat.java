package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.simulation.FinishReason;
import dev.marcoforge.sandbox.simulation.TokenLogprob;
import java.util.List;

/** How one endpoint shapes its streamed chunks; the pacing is the same for all. */
interface ChunkFormat {

    /** A chunk announcing a choice before its content, or null when the format has none. */
    Object opening(int index);

    /** @param logprobs the logprobs of the tokens of {@code text}; null when the request asked for none */
    Object content(int index, String text, List<TokenLogprob> logprobs);

    Object finish(int index, FinishReason reason);

    /** The extra chunk with {@code choices: []} and the usage, sent when {@code include_usage} is set. */
    Object usage(Usage usage);
}
