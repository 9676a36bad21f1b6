package dev.marcoforge.model;

/** One sampled answer: its text (stop string excluded), its token count and why it ended ({@code stop}/{@code length}). */
public record Completion(int index, String text, int completionTokens, String finishReason) {
}
