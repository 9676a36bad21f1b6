package dev.marcoforge.gateway.openai;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a model marks its thoughts, like vLLM's {@code --reasoning-parser}: text the parser counts as thinking goes to
 * {@code reasoning_content}, the answer to {@code content}. The tags that switch between the two are dropped.
 * <ul>
 * <li>{@code marco}: Marco-o1's tags; only what is inside {@code <answer>...</answer>} is the answer, everything else
 * (sub-tasks, thinking, double-checks, with their tags) is reasoning.</li>
 * <li>{@code think}: DeepSeek-R1 / Qwen3 style; everything up to {@code </think>} is reasoning (an opening
 * {@code <think>} is dropped), the rest is the answer.</li>
 * <li>{@code none}: no split; the raw text is the content.</li>
 * </ul>
 * Without the closing marker the whole text stays reasoning, as vLLM does.
 */
public enum ReasoningParser {

    MARCO(Map.of(Mode.REASONING, List.of(new Switch("<answer>", Mode.CONTENT)),
            Mode.CONTENT, List.of(new Switch("</answer>", Mode.REASONING)))),
    THINK(Map.of(Mode.REASONING, List.of(new Switch("<think>", Mode.REASONING), new Switch("</think>", Mode.CONTENT)),
            Mode.CONTENT, List.of())),
    NONE(Map.of());

    enum Mode { REASONING, CONTENT }

    /** A marker that, met in one mode, moves the text after it to {@code to}. */
    record Switch(String marker, Mode to) {
    }

    private final Map<Mode, List<Switch>> switches;

    ReasoningParser(Map<Mode, List<Switch>> switches) {
        this.switches = switches;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReasoningParser> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ReasoningParser parser : values()) {
            if (parser.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(parser);
            }
        }
        return Optional.empty();
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(ReasoningParser::wireName).toList();
    }

    /** A fresh splitter for one choice's text. */
    public Splitter splitter() {
        return new Splitter(this);
    }

    /** Splits a whole text at once. */
    public Split split(String text) {
        Splitter splitter = splitter();
        Split first = splitter.feed(text == null ? "" : text);
        Split rest = splitter.finish();
        return first.plus(rest);
    }

    /** Reasoning and answer text; either may be empty. */
    public record Split(String reasoning, String content) {
        static final Split EMPTY = new Split("", "");

        public Split plus(Split other) {
            return new Split(reasoning + other.reasoning, content + other.content);
        }

        public boolean isEmpty() {
            return reasoning.isEmpty() && content.isEmpty();
        }
    }

    /**
     * Splits a text that arrives in pieces. A marker may be cut between two pieces, so a tail that could be the
     * start of a marker is held back until the next piece (or {@link #finish()}) tells.
     */
    public static final class Splitter {
        private final ReasoningParser parser;
        private Mode mode;
        private String held = "";
        private boolean sawContentMarker;

        Splitter(ReasoningParser parser) {
            this.parser = parser;
            this.mode = parser == NONE ? Mode.CONTENT : Mode.REASONING;
        }

        public Split feed(String piece) {
            if (parser == NONE) {
                return new Split("", piece);
            }
            String text = held + piece;
            held = "";
            StringBuilder reasoning = new StringBuilder();
            StringBuilder content = new StringBuilder();
            int at = 0;
            while (at < text.length()) {
                List<Switch> candidates = parser.switches.getOrDefault(mode, List.of());
                Switch next = null;
                int nextAt = -1;
                for (Switch s : candidates) {
                    int found = text.indexOf(s.marker(), at);
                    if (found >= 0 && (nextAt < 0 || found < nextAt)) {
                        next = s;
                        nextAt = found;
                    }
                }
                if (next == null) {
                    int keep = partialMarkerTail(text, at, candidates);
                    out(mode, reasoning, content).append(text, at, text.length() - keep);
                    held = text.substring(text.length() - keep);
                    break;
                }
                out(mode, reasoning, content).append(text, at, nextAt);
                at = nextAt + next.marker().length();
                if (next.to() == Mode.CONTENT) {
                    sawContentMarker = true;
                }
                mode = next.to();
            }
            return new Split(reasoning.toString(), content.toString());
        }

        /** The held-back tail, now known to be no marker. */
        public Split finish() {
            String rest = held;
            held = "";
            if (rest.isEmpty()) {
                return Split.EMPTY;
            }
            return mode == Mode.CONTENT ? new Split("", rest) : new Split(rest, "");
        }

        /** Whether an answer marker was met: without it a parser's whole output is reasoning. */
        public boolean sawAnswer() {
            return parser == NONE || sawContentMarker;
        }

        private static StringBuilder out(Mode mode, StringBuilder reasoning, StringBuilder content) {
            return mode == Mode.CONTENT ? content : reasoning;
        }

        private static int partialMarkerTail(String text, int from, List<Switch> candidates) {
            int best = 0;
            for (Switch s : candidates) {
                String marker = s.marker();
                for (int len = Math.min(marker.length() - 1, text.length() - from); len > best; len--) {
                    if (text.regionMatches(text.length() - len, marker, 0, len)) {
                        best = len;
                        break;
                    }
                }
            }
            return best;
        }
    }
}
