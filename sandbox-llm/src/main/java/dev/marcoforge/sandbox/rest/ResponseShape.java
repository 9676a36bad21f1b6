package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.simulation.CompletionEngine.GeneratedChoice;
import java.util.List;

/** How one OpenAI endpoint shapes its answer, whole or streamed. */
interface ResponseShape extends ChunkFormat {

    Object completion(List<GeneratedChoice> choices, Usage usage);
}
