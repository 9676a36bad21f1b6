package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ActionTag;
import dev.marcoforge.generator.config.StepMode;

/**
 * How a node's text is put together: open tag, prefill, what the model wrote, close tag, newline. The model is asked
 * to stop at the close tag, so its output normally lacks it; an output that still carries it is not closed twice.
 * Without tags ({@link StepMode#STEP}) a node is prefill and output up to the first newline, then a newline; a
 * mini-step ({@link StepMode#MINI_STEP}) is prefill and output as written, the next one going on where it stopped.
 */
public final class NodeText {

    private NodeText() {
    }

    public static String compose(ActionTag tag, String prefill, String output) {
        return compose(StepMode.TAGGED, tag, prefill, output);
    }

    public static String compose(StepMode mode, ActionTag tag, String prefill, String output) {
        String text = output == null ? "" : output;
        return switch (mode) {
            case TAGGED -> tag.open() + prefill + stripTrailingClose(tag, text) + tag.close() + "\n";
            case STEP -> {
                int newline = text.indexOf('\n');
                yield prefill + (newline < 0 ? text : text.substring(0, newline)) + "\n";
            }
            case MINI_STEP -> prefill + text;
        };
    }

    /** A prefill that already closes the tag is the whole node: no model writes anything after it. */
    public static boolean isFixed(ActionTag tag, String prefill) {
        return prefill.stripTrailing().endsWith(tag.close());
    }

    /** Without tags no prefill closes anything: the model always writes. */
    public static boolean isFixed(StepMode mode, ActionTag tag, String prefill) {
        return mode == StepMode.TAGGED && isFixed(tag, prefill);
    }

    /** The text of a node whose prefill is complete, see {@link #isFixed}. */
    public static String fixed(ActionTag tag, String prefill) {
        return tag.open() + prefill.stripTrailing() + "\n";
    }

    private static String stripTrailingClose(ActionTag tag, String output) {
        String trimmed = output.stripTrailing();
        if (trimmed.endsWith(tag.close())) {
            return trimmed.substring(0, trimmed.length() - tag.close().length());
        }
        return output;
    }
}
