package dev.marcoforge.critic.client;

import dev.marcoforge.contracts.TokenConfidence;
import java.util.List;

/** The critic model's texts, and their token confidences when the call asked for logprobs (else null). */
public record CriticOutput(List<String> texts, List<TokenConfidence> confidences) {
}
