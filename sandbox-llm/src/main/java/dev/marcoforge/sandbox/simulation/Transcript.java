package dev.marcoforge.sandbox.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assistant text so far, cut into closed tag blocks plus, maybe, the one tag still open at the end: the
 * step the client wants written (its text after the tag is the prefill to continue).
 */
public record Transcript(List<Block> closedBlocks, Optional<OpenTag> openTag) {

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9_-]*)>");

    public record Block(String tag, Action action, String content) {
    }

    public record OpenTag(String tag, Action action, String prefill) {

        public String closingTag() {
            return "</" + tag + ">";
        }
    }

    public Transcript {
        closedBlocks = List.copyOf(closedBlocks);
    }

    public static Transcript parse(String assistantText) {
        String text = assistantText == null ? "" : assistantText;
        List<Block> closed = new ArrayList<>();
        String openName = null;
        int contentStart = 0;
        Matcher matcher = TAG.matcher(text);
        while (matcher.find()) {
            boolean closing = !matcher.group(1).isEmpty();
            String name = matcher.group(2);
            if (!closing) {
                // Tags do not nest in this format; a new opening tag abandons an unfinished one.
                openName = name;
                contentStart = matcher.end();
            } else if (name.equals(openName)) {
                closed.add(new Block(name, Action.forTag(name), text.substring(contentStart, matcher.start())));
                openName = null;
            }
        }
        Optional<OpenTag> open = openName == null
                ? Optional.empty()
                : Optional.of(new OpenTag(openName, Action.forTag(openName), text.substring(contentStart)));
        return new Transcript(closed, open);
    }

    Optional<Action> lastClosedAction() {
        return closedBlocks.isEmpty()
                ? Optional.empty()
                : Optional.of(closedBlocks.get(closedBlocks.size() - 1).action());
    }
}
