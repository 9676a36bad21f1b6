package dev.marcoforge.verifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the letter-counting evaluator. */
@ConfigMapping(prefix = "marco.verifier.letter-count")
public interface LetterCountConfig {

    /**
     * The most {@code <} characters an answer node may hold. The reference rejects more than 2: the opening and
     * closing answer tags; anything else means nested or repeated tags.
     */
    @WithDefault("2")
    int maxAngleBrackets();
}
