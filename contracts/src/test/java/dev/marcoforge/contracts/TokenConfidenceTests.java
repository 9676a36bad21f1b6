package dev.marcoforge.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TokenConfidenceTests {

    @Test
    void eachTokenScoresItsProbabilityOverTheTopCandidates() throws Exception {
        // Token 1: chosen 0.6 among 0.6 + 0.2 + 0.1 -> 2/3. Token 2: chosen 0.9 alone listed -> 1.
        JsonNode logprobs = json("""
                {"content": [
                  {"token": "a", "logprob": %s, "top_logprobs": [
                     {"token": "a", "logprob": %s}, {"token": "b", "logprob": %s}, {"token": "c", "logprob": %s}]},
                  {"token": "d", "logprob": %s, "top_logprobs": [{"token": "d", "logprob": %s}]}]}
                """.formatted(Math.log(0.6), Math.log(0.6), Math.log(0.2), Math.log(0.1), Math.log(0.9),
                Math.log(0.9)));

        TokenConfidence confidence = TokenConfidence.ofLogprobs(logprobs, 5);

        assertThat(confidence.tokens()).isEqualTo(2);
        assertThat(confidence.sum()).isCloseTo(2.0 / 3 + 1.0, within(1e-9));
        assertThat(confidence.mean()).isCloseTo((2.0 / 3 + 1.0) / 2, within(1e-9));
    }

    @Test
    void onlyTheTopKCandidatesCountAndAnUnlistedChosenTokenStillDoes() throws Exception {
        JsonNode logprobs = json("""
                {"content": [{"token": "z", "logprob": %s, "top_logprobs": [
                   {"token": "a", "logprob": %s}, {"token": "b", "logprob": %s}, {"token": "c", "logprob": %s}]}]}
                """.formatted(Math.log(0.1), Math.log(0.5), Math.log(0.3), Math.log(0.05)));

        // k = 2: a and b, plus the unlisted chosen z: 0.1 / (0.5 + 0.3 + 0.1).
        assertThat(TokenConfidence.ofLogprobs(logprobs, 2).sum()).isCloseTo(0.1 / 0.9, within(1e-9));
    }

    @Test
    void aChoiceWithoutLogprobsIsRefusedNamingWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> TokenConfidence.ofLogprobs(json("null"), 5))
                .hasMessageContaining("'logprobs.content'");
        assertThatThrownBy(() -> TokenConfidence.ofLogprobs(json("{\"content\": [{\"token\": \"a\"}]}"), 5))
                .hasMessageContaining("'logprob'");
        assertThatThrownBy(() -> new TokenConfidence(3, 2)).hasMessageContaining("0 <= sum <= tokens");
    }

    @Test
    void nodeConfidencesAddUpToTheChainsMeanWithEveryTokenWeightedOnce() {
        TokenConfidence chain = new TokenConfidence(9, 10).plus(new TokenConfidence(1, 2));
        assertThat(chain.mean()).isCloseTo(10.0 / 12, within(1e-9));
        assertThat(TokenConfidence.NONE.mean()).isZero();
    }

    private static JsonNode json(String text) throws Exception {
        return MessageCodec.mapper().readTree(text);
    }
}
