package dev.marcoforge.generator.model;

import dev.marcoforge.contracts.TokenConfidence;

/** One text a model wrote for a node, and how sure it was of it ({@link TokenConfidence#NONE} when not asked). */
public record Completion(String text, TokenConfidence confidence) {

    public Completion {
        confidence = confidence == null ? TokenConfidence.NONE : confidence;
    }

    public static Completion of(String text) {
        return new Completion(text, TokenConfidence.NONE);
    }
}
