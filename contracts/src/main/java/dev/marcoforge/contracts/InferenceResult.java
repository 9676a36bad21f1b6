package dev.marcoforge.contracts;

import java.util.List;

/**
 * The answer to an {@link InferenceRequest}, or one chunk of it when streamed: chunks of a request carry rising
 * {@code sequence} numbers and the last has {@code last} set. An upstream failure is an {@link Error} with the HTTP
 * status the gateway should answer with.
 */
public record InferenceResult(int schemaVersion, String requestId, long sequence, boolean last, String model,
        List<Choice> choices, Usage usage, Error error) {

    public static final int SCHEMA_VERSION = 1;

    public InferenceResult {
        Require.schema(schemaVersion, SCHEMA_VERSION, "InferenceResult");
        Require.text(requestId, "requestId");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** One choice: the whole message, or the delta of a chunk. */
    public record Choice(int index, String content, String finishReason) {
    }

    public record Usage(int promptTokens, int completionTokens, int totalTokens) {
    }

    /** A failure in OpenAI's error vocabulary; {@code status} is the HTTP status to answer with. */
    public record Error(int status, String type, String message, String code) {
        public Error {
            Require.text(message, "error.message");
        }
    }

    public static InferenceResult complete(String requestId, String model, List<Choice> choices, Usage usage) {
        return new InferenceResult(SCHEMA_VERSION, requestId, 0, true, model, choices, usage, null);
    }

    public static InferenceResult failed(String requestId, String model, Error error) {
        return new InferenceResult(SCHEMA_VERSION, requestId, 0, true, model, List.of(), null, error);
    }
}
