package dev.marcoforge.inference.service;

import dev.marcoforge.contracts.InferenceRequest;
import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.inference.upstream.ChatCompletionRequest;
import dev.marcoforge.inference.upstream.ChatCompletionResponse;
import dev.marcoforge.inference.upstream.CompletionRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Translates between the contracts' inference messages and the upstream's OpenAI chat completions. */
public final class UpstreamMapping {

    private UpstreamMapping() {
    }

    public static ChatCompletionRequest toUpstream(InferenceRequest request, String upstreamModel) {
        var sampling = request.sampling();
        return new ChatCompletionRequest(upstreamModel, request.messages(), sampling.temperature(), sampling.topP(),
                sampling.maxTokens(), request.n(), request.stop().isEmpty() ? null : request.stop(), sampling.seed(),
                request.user(), request.stream() ? Boolean.TRUE : null,
                request.stream() ? new ChatCompletionRequest.StreamOptions(true) : null);
    }

    /** A raw-prompt request as the upstream's {@code /completions} body. */
    public static CompletionRequest toUpstreamText(InferenceRequest request, String upstreamModel) {
        var sampling = request.sampling();
        return new CompletionRequest(upstreamModel, request.prompt(), sampling.temperature(), sampling.topP(),
                sampling.maxTokens(), request.n(), request.stop().isEmpty() ? null : request.stop(), sampling.seed(),
                request.user(), request.stream() ? Boolean.TRUE : null,
                request.stream() ? new ChatCompletionRequest.StreamOptions(true) : null);
    }

    /** A whole answer; the result names the served model, not the upstream's name for it. */
    public static InferenceResult toResult(String requestId, String model, ChatCompletionResponse response) {
        if (response.choices() == null || response.choices().isEmpty()) {
            throw new InferenceFailure(ErrorMapping.badResponse(model, "without choices"), null);
        }
        List<InferenceResult.Choice> choices = new ArrayList<>();
        for (var choice : ordered(response.choices())) {
            String text = choice.textOrContent(false);
            String content = text == null ? "" : text;
            choices.add(new InferenceResult.Choice(index(choice, choices.size()), content, choice.finishReason()));
        }
        return InferenceResult.complete(requestId, model, choices, usage(response.usage()));
    }

    /**
     * One chunk of a stream as a non-final result, or null when the chunk carries nothing to pass on (the opening
     * role-only delta, or the usage-only chunk, whose usage goes on the final result). A choice that only finishes
     * has a null content.
     */
    public static InferenceResult toChunk(String requestId, String model, long sequence,
            ChatCompletionResponse chunk) {
        List<InferenceResult.Choice> choices = new ArrayList<>();
        if (chunk.choices() != null) {
            for (var choice : ordered(chunk.choices())) {
                String content = choice.textOrContent(true);
                if ((content == null || content.isEmpty()) && choice.finishReason() == null) {
                    continue;
                }
                choices.add(new InferenceResult.Choice(index(choice, choices.size()), content,
                        choice.finishReason()));
            }
        }
        if (choices.isEmpty()) {
            return null;
        }
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, requestId, sequence, false, model, choices, null,
                null);
    }

    /** The result that closes a stream: no choices, the usage when the upstream reported it. */
    public static InferenceResult endOfStream(String requestId, String model, long sequence,
            ChatCompletionResponse.Usage usage) {
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, requestId, sequence, true, model, List.of(),
                usage(usage), null);
    }

    public static InferenceResult failed(String requestId, String model, long sequence, InferenceResult.Error error) {
        return new InferenceResult(InferenceResult.SCHEMA_VERSION, requestId, sequence, true, model, List.of(), null,
                error);
    }

    static InferenceResult.Usage usage(ChatCompletionResponse.Usage usage) {
        if (usage == null) {
            return null;
        }
        int prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
        int completion = usage.completionTokens() == null ? 0 : usage.completionTokens();
        int total = usage.totalTokens() == null ? prompt + completion : usage.totalTokens();
        return new InferenceResult.Usage(prompt, completion, total);
    }

    private static List<ChatCompletionResponse.Choice> ordered(List<ChatCompletionResponse.Choice> choices) {
        return choices.stream().filter(c -> c != null)
                .sorted(Comparator.comparingInt(c -> c.index() == null ? Integer.MAX_VALUE : c.index())).toList();
    }

    private static int index(ChatCompletionResponse.Choice choice, int position) {
        return choice.index() == null ? position : choice.index();
    }
}
