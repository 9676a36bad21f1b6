package dev.marcoforge.gateway.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.SftRecord;
import dev.marcoforge.gateway.dataset.DatasetBuilder;
import dev.marcoforge.gateway.dataset.DatasetService;
import dev.marcoforge.model.ChatTokenizer;
import dev.marcoforge.model.ChatTokenizer.EncodedChat;
import dev.marcoforge.model.ChatTurn;
import dev.marcoforge.model.train.PreferenceExample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training examples of a request, as token sequences: from a built data set (its SFT records or DPO pairs) or
 * from inline records in TRL's shapes ({@code {"messages": [...]}}; {@code {"prompt", "chosen", "rejected",
 * "shared_prefix"}}, the prompt a string or a message list). With the problem-alone prompt, a data set's records
 * get their chain's question as the only user turn, and inline records lose the given {@code base_prompt}.
 */
final class TrainingData {

    private TrainingData() {
    }

    record Examples(List<EncodedChat> sft, List<PreferenceExample> pairs) {
        int size() {
            return sft != null ? sft.size() : pairs.size();
        }

        /** Examples whose every sequence fits a context of {@code context} tokens (as next-token inputs). */
        long fitting(int context) {
            return sft != null ? sft.stream().filter(e -> e.fitsContext(context)).count()
                    : pairs.stream().filter(p -> p.fitsContext(context)).count();
        }

        int shortest() {
            return sft != null ? sft.stream().mapToInt(EncodedChat::length).min().orElse(0)
                    : pairs.stream().mapToInt(p -> Math.max(p.chosen().length(), p.rejected().length())).min()
                            .orElse(0);
        }
    }

    static Examples load(TrainingSpec spec, DatasetService datasets) {
        if (spec.datasetId() != null) {
            DatasetService.Rebuilt rebuilt = datasets.rebuild(spec.datasetId()).orElseThrow(() ->
                    new InvalidTrainingException(List.of("dataset_id: no data set '" + spec.datasetId()
                            + "' has been built (POST /api/datasets builds one)")));
            return fromDataset(spec, rebuilt);
        }
        return fromRecords(spec);
    }

    private static Examples fromDataset(TrainingSpec spec, DatasetService.Rebuilt rebuilt) {
        Map<String, String> questions = new HashMap<>();
        for (Chain chain : rebuilt.chains()) {
            questions.put(chain.chainId(), chain.question());
        }
        ChatTokenizer tokenizer = ChatTokenizer.instance();
        if (!spec.dpo()) {
            List<EncodedChat> sft = new ArrayList<>();
            for (SftRecord record : rebuilt.built().sft()) {
                List<ChatMessage> messages = record.messages();
                List<ChatTurn> prompt = spec.problemPrompt() ? List.of(ChatTurn.user(questions.get(record.chainId())))
                        : turns(messages.subList(0, messages.size() - 1));
                sft.add(tokenizer.encodeAnswer(prompt, messages.get(messages.size() - 1).content()));
            }
            require(!sft.isEmpty(), "data set " + spec.datasetId() + " has no SFT record");
            return new Examples(sft, null);
        }
        List<PreferenceExample> pairs = new ArrayList<>();
        for (DatasetBuilder.Pair pair : rebuilt.built().dpo()) {
            DpoRecord record = pair.record();
            List<ChatTurn> prompt = spec.problemPrompt()
                    ? List.of(ChatTurn.user(questions.get(record.chosenChainId()))) : turns(record.prompt());
            pairs.add(PreferenceExample.of(prompt, record.chosen(), record.rejected(), record.sharedPrefix()));
        }
        require(!pairs.isEmpty(), "data set " + spec.datasetId() + " has no DPO pair");
        return new Examples(null, pairs);
    }

    private static Examples fromRecords(TrainingSpec spec) {
        ChatTokenizer tokenizer = ChatTokenizer.instance();
        List<String> problems = new ArrayList<>();
        List<EncodedChat> sft = new ArrayList<>();
        List<PreferenceExample> pairs = new ArrayList<>();
        for (int i = 0; i < spec.records().size(); i++) {
            JsonNode record = spec.records().get(i);
            String where = "records[" + i + "]";
            try {
                if (!spec.dpo()) {
                    List<ChatTurn> turns = messages(record.get("messages"), where + ".messages");
                    ChatTurn last = turns.get(turns.size() - 1);
                    if (!last.role().equals("assistant") || turns.size() < 2) {
                        throw new IllegalArgumentException(where + ".messages: must end with the assistant's answer"
                                + " after at least one prompt message");
                    }
                    sft.add(tokenizer.encodeAnswer(prompt(turns.subList(0, turns.size() - 1), spec), last.content()));
                } else {
                    JsonNode promptNode = record.get("prompt");
                    List<ChatTurn> prompt = promptNode != null && promptNode.isTextual()
                            ? List.of(ChatTurn.user(promptNode.asText())) : messages(promptNode, where + ".prompt");
                    String chosen = string(record, "chosen", where);
                    String rejected = string(record, "rejected", where);
                    JsonNode prefix = record.get("shared_prefix");
                    pairs.add(PreferenceExample.of(prompt(prompt, spec), chosen, rejected,
                            prefix == null || prefix.isNull() ? "" : prefix.asText()));
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage().startsWith("records[") ? e.getMessage() : where + ": " + e.getMessage());
            }
            if (problems.size() >= 10) {
                problems.add("(stopped after 10 bad records)");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrainingException(problems);
        }
        return spec.dpo() ? new Examples(null, pairs) : new Examples(sft, null);
    }

    private static List<ChatTurn> prompt(List<ChatTurn> turns, TrainingSpec spec) {
        if (!spec.problemPrompt() || spec.basePrompt() == null) {
            return turns;
        }
        List<ChatTurn> stripped = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (turn.role().equals("user") && turn.content().startsWith(spec.basePrompt())) {
                stripped.add(ChatTurn.user(turn.content().substring(spec.basePrompt().length())));
            } else if (!turn.role().equals("system")) {
                stripped.add(turn);
            }
        }
        return stripped;
    }

    private static List<ChatTurn> turns(List<ChatMessage> messages) {
        List<ChatTurn> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            turns.add(new ChatTurn(message.role(), message.content()));
        }
        return turns;
    }

    private static List<ChatTurn> messages(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": a non-empty list of {role, content} messages");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (JsonNode message : node) {
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new IllegalArgumentException(where + ": every message needs a string role and content");
            }
            turns.add(new ChatTurn(role.asText(), content.asText()));
        }
        return turns;
    }

    private static String string(JsonNode record, String field, String where) {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + ": a string");
        }
        return value.asText();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidTrainingException(List.of(problem));
        }
    }
}
