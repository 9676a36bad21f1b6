package dev.marcoforge.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OpenAI's error body, so OpenAI clients show the message and the offending parameter. */
public record OpenAiError(Detail error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
