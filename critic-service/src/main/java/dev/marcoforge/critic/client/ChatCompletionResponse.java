package dev.marcoforge.critic.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.TokenConfidence;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The part of an OpenAI chat completion the critic needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionResponse(String model, List<Choice> choices) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Integer index, Message message, @JsonProperty("finish_reason") String finishReason,
            JsonNode logprobs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, String content) {
    }

    /** The choices' texts in index order; a choice without content counts as an empty text. */
    public List<String> texts() {
        return ordered().stream()
                .map(c -> c.message() == null || c.message().content() == null ? "" : c.message().content())
                .toList();
    }

    /**
     * The choices' token confidences in index order.
     *
     * @throws IllegalArgumentException when a choice has no usable {@code logprobs}
     */
    public List<TokenConfidence> confidences() {
        return ordered().stream().map(c -> TokenConfidence.ofLogprobs(c.logprobs(), TokenConfidence.CANDIDATES))
                .toList();
    }

    private List<Choice> ordered() {
        if (choices == null) {
            return List.of();
        }
        return choices.stream().filter(Objects::nonNull)
                .sorted(Comparator.comparingInt(c -> c.index() == null ? Integer.MAX_VALUE : c.index())).toList();
    }
}
