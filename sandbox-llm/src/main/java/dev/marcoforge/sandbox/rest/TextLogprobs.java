package dev.marcoforge.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marcoforge.sandbox.simulation.TokenLogprob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy completions' {@code choices[].logprobs}: parallel lists over the generated tokens. As in OpenAI's
 * API, each {@code top_logprobs} map holds the most likely tokens plus the chosen one when it is not among them,
 * so up to {@code logprobs + 1} entries; {@code text_offset} counts code points into the choice's text, as vLLM.
 */
public record TextLogprobs(List<String> tokens,
                           @JsonProperty("token_logprobs") List<Double> tokenLogprobs,
                           @JsonProperty("top_logprobs") List<Map<String, Double>> topLogprobs,
                           @JsonProperty("text_offset") List<Integer> textOffset) {

    static TextLogprobs of(List<TokenLogprob> tokens) {
        List<String> texts = new ArrayList<>(tokens.size());
        List<Double> logprobs = new ArrayList<>(tokens.size());
        List<Map<String, Double>> tops = new ArrayList<>(tokens.size());
        List<Integer> offsets = new ArrayList<>(tokens.size());
        for (TokenLogprob token : tokens) {
            texts.add(token.token());
            logprobs.add(token.logprob());
            Map<String, Double> top = new LinkedHashMap<>();
            token.top().forEach(alternative -> top.put(alternative.token(), alternative.logprob()));
            top.putIfAbsent(token.token(), token.logprob());
            tops.add(top);
            offsets.add(token.textOffset());
        }
        return new TextLogprobs(texts, logprobs, tops, offsets);
    }
}
