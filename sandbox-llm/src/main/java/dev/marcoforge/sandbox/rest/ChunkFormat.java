package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.simulation.FinishReason;

/** How one endpoint shapes its streamed chunks; the pacing is the same for all. */
interface ChunkFormat {

    /** A chunk announcing a choice before its content, or null when the format has none. */
    Object opening(int index);

    Object content(int index, String text);

    Object finish(int index, FinishReason reason);

    /** The extra chunk with {@code choices: []} and the usage, sent when {@code include_usage} is set. */
    Object usage(Usage usage);
}
