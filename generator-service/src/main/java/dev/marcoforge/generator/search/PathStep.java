package dev.marcoforge.generator.search;

/** A node on the path from the root to where the search stands: its action, its text, and whether it shows. */
public record PathStep(String action, String text, boolean showInHistory) {
}
