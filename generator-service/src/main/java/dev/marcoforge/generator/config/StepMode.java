package dev.marcoforge.generator.config;

/**
 * How a node's text is cut (Marco-o1 v1's granularities beside v2's tagged actions): {@code TAGGED}, the default,
 * wraps each node in its action's tags and stops at the closing tag; {@code STEP} ({@code use_step}) writes no tags
 * and ends a node at a newline; {@code MINI_STEP} ({@code use_mini_step}) writes no tags and cuts a node after a
 * budget of tokens ({@code marco_forge.mini_step_tokens}, 32 by default), except the answer, which is written to
 * its end.
 */
public enum StepMode {
    TAGGED, STEP, MINI_STEP;

    public static StepMode of(boolean useStep, boolean useMiniStep) {
        return useMiniStep ? MINI_STEP : useStep ? STEP : TAGGED;
    }
}
