package dev.marcoforge.sandbox.rest;

import dev.marcoforge.sandbox.simulation.CompletionEngine;
import java.util.Optional;

/**
 * The logprob fields of the two OpenAI endpoints, which spell them differently: chat has a {@code logprobs}
 * switch and a {@code top_logprobs} count, the legacy completions a {@code logprobs} count. Each reader returns
 * how many most likely tokens to list per token, or null when no logprobs were asked for.
 */
final class LogprobFields {

    /** The legacy endpoint's limit, as in OpenAI's API. */
    static final int MAX_LEGACY_LOGPROBS = 5;

    private LogprobFields() {
    }

    static Integer chat(JsonRequest json) {
        boolean logprobs = json.bool("logprobs", false);
        Optional<Integer> top = json.optionalInt("top_logprobs", 0, CompletionEngine.MAX_TOP_LOGPROBS);
        if (top.isPresent() && !logprobs) {
            throw new InvalidRequestException("top_logprobs", "Invalid value for 'top_logprobs': 'logprobs' must be"
                    + " set to true when 'top_logprobs' is used.", "invalid_value");
        }
        // OpenAI lists no alternatives unless top_logprobs asks for them.
        return logprobs ? top.orElse(0) : null;
    }

    static Integer legacy(JsonRequest json, boolean echo) {
        Optional<Integer> logprobs = json.optionalInt("logprobs", 0, MAX_LEGACY_LOGPROBS);
        if (logprobs.isPresent() && echo) {
            // The echoed prompt would need logprobs of its own, which the simulator does not make up.
            throw new InvalidRequestException("logprobs", "Setting 'echo' and 'logprobs' at the same time is not"
                    + " supported by the sandbox simulator.", "invalid_value");
        }
        return logprobs.orElse(null);
    }
}
