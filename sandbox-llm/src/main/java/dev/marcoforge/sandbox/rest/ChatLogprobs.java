package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marcoforge.sandbox.simulation.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's chat {@code choices[].logprobs}: one entry per generated token, with its most likely alternatives. */
public record ChatLogprobs(List<TokenEntry> content) {

    /** @param bytes the token's UTF-8 bytes (0-255), which let clients rebuild characters split across tokens */
    public record TokenEntry(String token, double logprob, List<Integer> bytes,
                             @JsonProperty("top_logprobs") List<TopEntry> topLogprobs) {
    }

    public record TopEntry(String token, double logprob, List<Integer> bytes) {
    }

    static ChatLogprobs of(List<TokenLogprob> tokens) {
        List<TokenEntry> content = new ArrayList<>(tokens.size());
        for (TokenLogprob token : tokens) {
            List<TopEntry> top = new ArrayList<>(token.top().size());
            for (TokenLogprob.Alternative alternative : token.top()) {
                top.add(new TopEntry(alternative.token(), alternative.logprob(), utf8(alternative.token())));
            }
            content.add(new TokenEntry(token.token(), token.logprob(), utf8(token.token()), top));
        }
        return new ChatLogprobs(content);
    }

    private static List<Integer> utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> unsigned = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            unsigned.add(b & 0xFF);
        }
        return unsigned;
    }
}
