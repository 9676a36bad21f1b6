package dev.marcoforge.verifier.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Verdict;
import dev.marcoforge.verifier.evaluation.ifeval.InstructionChecks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * IFEval instruction following, as Multi-IF uses it. Ground truth:
 * {@code {"instruction_id_list": ["punctuation:no_comma", ...], "kwargs": [{...}, ...], "language": "en",
 * "mode": "strict"}} with one kwargs object per instruction (null or {} for none; null-valued entries are dropped
 * as IFEval does). {@code mode} is {@code strict} (default) or {@code loose}; loose also accepts the response
 * without its first line, its last line, both, and without {@code *} marks, as IFEval's loose score does.
 * The answer is correct when every instruction is followed; the reason lists each instruction's outcome.
 * The response checked is the {@code <answer>}/{@code <Output>} body when the node has one, else the whole text.
 */
@ApplicationScoped
public class InstructionFollowingEvaluator implements Evaluator {

    @Override
    public Set<String> names() {
        return Set.of("instruct_follow", "ifeval");
    }

    @Override
    public Verdict evaluate(String answerText, JsonNode groundTruth) {
        if (!groundTruth.isObject() || !groundTruth.path("instruction_id_list").isArray()) {
            throw new IllegalArgumentException("instruct_follow needs {\"instruction_id_list\": [...], \"kwargs\": "
                    + "[...]} as ground truth, got " + abbreviate(groundTruth.toString()));
        }
        JsonNode ids = groundTruth.get("instruction_id_list");
        JsonNode kwargs = groundTruth.path("kwargs");
        if (!kwargs.isMissingNode() && !kwargs.isNull() && (!kwargs.isArray() || kwargs.size() != ids.size())) {
            throw new IllegalArgumentException("instruct_follow: 'kwargs' must be a list with one entry per "
                    + "instruction (" + ids.size() + "), got " + abbreviate(kwargs.toString()));
        }
        String mode = groundTruth.path("mode").asText("strict");
        if (!mode.equals("strict") && !mode.equals("loose")) {
            throw new IllegalArgumentException("instruct_follow: 'mode' must be 'strict' or 'loose', got '" + mode + "'");
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("instruct_follow: 'instruction_id_list' is empty");
        }
        String response = AnswerText.body(answerText);
        List<String> candidates = mode.equals("strict") ? List.of(response) : looseVariants(response);
        int followed = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual()) {
                throw new IllegalArgumentException("instruct_follow: instruction " + (i + 1) + " is not a string");
            }
            String id = ids.get(i).textValue();
            JsonNode args = withoutNulls(kwargs.isArray() ? kwargs.get(i) : null);
            if (id.equals("combination:repeat_prompt") && !args.has("prompt_to_repeat")
                    && groundTruth.path("prompt").isTextual()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) args).set("prompt_to_repeat", groundTruth.get("prompt"));
            }
            InstructionChecks.Outcome outcome = null;
            for (String candidate : candidates) {
                if (candidate.isBlank()) {
                    continue;
                }
                outcome = InstructionChecks.check(id, candidate, args);
                if (outcome.followed()) {
                    break;
                }
            }
            if (outcome == null) {
                // Validate the arguments even for an empty response, so a bad ground truth is reported as such.
                InstructionChecks.check(id, "x", args);
                outcome = new InstructionChecks.Outcome(false, "empty response");
            }
            if (outcome.followed()) {
                followed++;
            }
            parts.add((outcome.followed() ? "PASS " : "FAIL ") + id + ": " + outcome.detail());
        }
        String reason = mode + " " + followed + "/" + ids.size() + " instructions followed; " + String.join("; ", parts);
        return followed == ids.size() ? Verdict.correct(null, reason) : Verdict.wrong(null, reason);
    }

    /** IFEval's loose variants: without the first line, the last line, both, and each of these without '*'. */
    static List<String> looseVariants(String response) {
        String[] lines = response.split("\n", -1);
        String removeFirst = String.join("\n", List.of(lines).subList(Math.min(1, lines.length), lines.length)).strip();
        String removeLast = String.join("\n", List.of(lines).subList(0, Math.max(0, lines.length - 1))).strip();
        String removeBoth = lines.length > 2 ? String.join("\n", List.of(lines).subList(1, lines.length - 1)).strip() : "";
        String revised = response.replace("*", "");
        return List.of(response, revised, removeFirst, removeLast, removeBoth, removeFirst.replace("*", ""),
                removeLast.replace("*", ""), removeBoth.replace("*", ""));
    }

    private static JsonNode withoutNulls(JsonNode args) {
        var copy = dev.marcoforge.contracts.MessageCodec.mapper().createObjectNode();
        if (args == null || args.isNull()) {
            return copy;
        }
        if (!args.isObject()) {
            throw new IllegalArgumentException("instruct_follow: each kwargs entry must be an object, got " + args);
        }
        args.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                copy.set(e.getKey(), e.getValue());
            }
        });
        return copy;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
