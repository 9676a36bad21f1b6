package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.ActionTag;

/**
 * How a node's text is put together: open tag, prefill, what the model wrote, close tag, newline. The model is asked
 * to stop at the close tag, so its output normally lacks it; an output that still carries it is not closed twice.
 */
public final class NodeText {

    private NodeText() {
    }

    public static String compose(ActionTag tag, String prefill, String output) {
        String body = stripTrailingClose(tag, output == null ? "" : output);
        return tag.open() + prefill + body + tag.close() + "\n";
    }

    /** A prefill that already closes the tag is the whole node: no model writes anything after it. */
    public static boolean isFixed(ActionTag tag, String prefill) {
        return prefill.stripTrailing().endsWith(tag.close());
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
