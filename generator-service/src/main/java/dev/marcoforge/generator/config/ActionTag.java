package dev.marcoforge.generator.config;

import java.util.Map;

/**
 * The tag around an action's node text, e.g. {@code <thinking>...</thinking>}. The table follows the reference's
 * prompts (which say {@code <sub-task>} and {@code <double-check>} for the actions {@code sub_task} and
 * {@code double_check}); an action outside the table is tagged with its own name.
 */
public record ActionTag(String name) {

    private static final Map<String, String> TABLE = Map.of(
            "sub_task", "sub-task",
            "thinking", "thinking",
            "double_check", "double-check",
            "reflection", "reflection",
            "hypothesis", "hypothesis",
            "thinking_from_scratch", "thinking_from_scratch",
            "answer", "answer");

    public ActionTag {
        if (name == null || !isValidName(name)) {
            throw new IllegalArgumentException("not a tag name: '" + name + "'");
        }
    }

    /** The tag of {@code action}: an override (given as {@code name} or {@code <name>}) wins over the table. */
    public static ActionTag of(String action, Map<String, String> overrides) {
        String override = overrides.get(action);
        if (override != null) {
            return new ActionTag(bare(override));
        }
        return new ActionTag(TABLE.getOrDefault(action, action));
    }

    public static ActionTag of(String action) {
        return of(action, Map.of());
    }

    /** Strips the angle brackets an override may be written with. */
    static String bare(String tag) {
        String t = tag.trim();
        if (t.startsWith("<") && t.endsWith(">") && t.length() > 2) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    static boolean isValidName(String name) {
        return name.matches("[A-Za-z0-9_.:-]+");
    }

    public String open() {
        return "<" + name + ">";
    }

    public String close() {
        return "</" + name + ">";
    }
}
