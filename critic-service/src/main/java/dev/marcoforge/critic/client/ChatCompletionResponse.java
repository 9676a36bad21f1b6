package dev.marcoforge.critic.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The part of an OpenAI chat completion the critic needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionResponse(String model, List<Choice> choices) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Integer index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, String content) {
    }

    /** The choices' texts in index order; a choice without content counts as an empty text. */
    public List<String> texts() {
        if (choices == null) {
            return List.of();
        }
        return choices.stream().filter(Objects::nonNull)
                .sorted(Comparator.comparingInt(c -> c.index() == null ? Integer.MAX_VALUE : c.index()))
                .map(c -> c.message() == null || c.message().content() == null ? "" : c.message().content())
                .toList();
    }
}
