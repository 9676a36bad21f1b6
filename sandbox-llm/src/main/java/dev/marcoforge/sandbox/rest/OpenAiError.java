package dev.marcoforge.sandbox.rest;

/** OpenAI's error body: {"error": {"message", "type", "param", "code"}}; param and code may be null. */
public record OpenAiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
