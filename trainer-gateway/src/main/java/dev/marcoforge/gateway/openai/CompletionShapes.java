package dev.marcoforge.gateway.openai;

import dev.marcoforge.contracts.InferenceResult;
import java.util.List;

/** Turns a whole inference result into OpenAI's response objects. */
public final class CompletionShapes {

    private CompletionShapes() {
    }

    public static ChatCompletionResponse chat(String id, long created, String model, InferenceResult result,
            ReasoningParser parser) {
        var choices = result.choices().stream().map(c -> new ChatCompletionResponse.Choice(c.index(),
                message(c.content(), parser), finishReason(c.finishReason()), null)).toList();
        return new ChatCompletionResponse(id, ChatCompletionResponse.OBJECT, created, modelOf(result, model), choices,
                usage(result.usage()));
    }

    public static TextCompletion text(String id, long created, String model, InferenceResult result) {
        var choices = result.choices().stream().map(c -> new TextCompletion.Choice(
                c.content() == null ? "" : c.content(), c.index(), null, finishReason(c.finishReason()))).toList();
        return new TextCompletion(id, TextCompletion.OBJECT, created, modelOf(result, model), choices,
                usage(result.usage()));
    }

    static ChatCompletionResponse.Message message(String text, ReasoningParser parser) {
        String raw = text == null ? "" : text;
        if (parser == ReasoningParser.NONE) {
            return new ChatCompletionResponse.Message("assistant", raw, null);
        }
        ReasoningParser.Splitter splitter = parser.splitter();
        ReasoningParser.Split split = splitter.feed(raw).plus(splitter.finish());
        // Like vLLM: without the answer marker the whole text is reasoning and there is no content.
        String content = splitter.sawAnswer() ? split.content() : null;
        String reasoning = split.reasoning().isEmpty() ? null : split.reasoning();
        return new ChatCompletionResponse.Message("assistant", content, reasoning);
    }

    static String finishReason(String reason) {
        return reason == null ? "stop" : reason;
    }

    static ChatCompletionResponse.Usage usage(InferenceResult.Usage usage) {
        // Usage stays null when the inference service did not count tokens, rather than claiming zero.
        return usage == null ? null
                : new ChatCompletionResponse.Usage(usage.promptTokens(), usage.completionTokens(),
                        usage.totalTokens());
    }

    private static String modelOf(InferenceResult result, String requested) {
        return result.model() == null || result.model().isBlank() ? requested : result.model();
    }

    /** Tokens a result used, for the key's token budget: the reported usage, else a rough estimate from text. */
    public static int tokensUsed(List<InferenceResult.Choice> choices, InferenceResult.Usage usage) {
        if (usage != null) {
            return Math.max(0, usage.totalTokens());
        }
        int chars = choices.stream().mapToInt(c -> c.content() == null ? 0 : c.content().length()).sum();
        return (chars + 3) / 4;
    }
}
