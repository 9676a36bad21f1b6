package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the inference results of one streamed request into the events OpenAI clients expect, in order: a first
 * chunk per choice carrying the role, content (and, split by the reasoning parser, reasoning) deltas, a chunk per
 * choice with its finish reason, then with {@code include_usage} a chunk with no choices and the usage. The caller
 * ends the stream with {@code [DONE]}. One shaper serves one request and is not shared between threads.
 */
public final class StreamShaper {

    private final String id;
    private final long created;
    private final String model;
    private final int n;
    private final boolean includeUsage;
    private final boolean text;
    private final ReasoningParser parser;
    private final Map<Integer, ReasoningParser.Splitter> splitters = new HashMap<>();
    private final BitSet finished = new BitSet();
    private final StringBuilder seenText = new StringBuilder();
    private InferenceResult.Usage usage;

    /** @param text true for a legacy text completion ({@code text_completion} events, no reasoning split) */
    public StreamShaper(String id, long created, String model, int n, boolean includeUsage, boolean text,
            ReasoningParser parser) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.n = n;
        this.includeUsage = includeUsage;
        this.text = text;
        this.parser = text ? ReasoningParser.NONE : parser;
    }

    /** The events that open the stream. */
    public List<Object> opening() {
        if (text) {
            return List.of();
        }
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(chat(i, new ChatCompletionChunk.Delta("assistant", "", null), null));
        }
        return events;
    }

    /** The events for one result; the closing result yields the outstanding finishes and the usage. */
    public List<Object> on(InferenceResult result) {
        List<Object> events = new ArrayList<>();
        for (var choice : result.choices()) {
            int index = choice.index();
            if (choice.content() != null && !choice.content().isEmpty()) {
                seenText.append(choice.content());
                delta(events, index, splitter(index).feed(choice.content()));
            }
            if (choice.finishReason() != null) {
                finish(events, index, choice.finishReason());
            }
        }
        if (result.usage() != null) {
            usage = result.usage();
        }
        if (result.last()) {
            for (int i = 0; i < n; i++) {
                if (!finished.get(i)) {
                    finish(events, i, "stop");
                }
            }
            for (Integer index : new ArrayList<>(splitters.keySet())) {
                if (!finished.get(index)) {
                    finish(events, index, "stop");
                }
            }
            if (includeUsage) {
                var reported = CompletionShapes.usage(usage);
                events.add(text
                        ? new TextCompletion(id, TextCompletion.OBJECT, created, model, List.of(), reported)
                        : new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(),
                                reported));
            }
        }
        return events;
    }

    /** Tokens used so far, for the key's budget: the reported usage, else an estimate from the text seen. */
    public int tokensUsed() {
        return usage != null ? Math.max(0, usage.totalTokens()) : (seenText.length() + 3) / 4;
    }

    public InferenceResult.Usage usage() {
        return usage;
    }

    private void finish(List<Object> events, int index, String reason) {
        if (finished.get(index)) {
            return;
        }
        delta(events, index, splitter(index).finish());
        finished.set(index);
        events.add(text ? textChunk(index, "", reason)
                : chat(index, new ChatCompletionChunk.Delta(null, null, null), reason));
    }

    private void delta(List<Object> events, int index, ReasoningParser.Split split) {
        if (split.isEmpty()) {
            return;
        }
        if (text) {
            events.add(textChunk(index, split.content() + split.reasoning(), null));
            return;
        }
        events.add(chat(index, new ChatCompletionChunk.Delta(null, split.content().isEmpty() ? null : split.content(),
                split.reasoning().isEmpty() ? null : split.reasoning()), null));
    }

    private ReasoningParser.Splitter splitter(int index) {
        return splitters.computeIfAbsent(index, i -> parser.splitter());
    }

    private ChatCompletionChunk chat(int index, ChatCompletionChunk.Delta delta, String finishReason) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                List.of(new ChatCompletionChunk.Choice(index, delta, null, finishReason)), null);
    }

    private TextCompletion textChunk(int index, String content, String finishReason) {
        return new TextCompletion(id, TextCompletion.OBJECT, created, model,
                List.of(new TextCompletion.Choice(content, index, null, finishReason)), null);
    }
}
