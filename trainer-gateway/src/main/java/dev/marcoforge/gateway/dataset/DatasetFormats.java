package dev.marcoforge.gateway.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.DpoRecord;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SftRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a built data set as the files trainers read, keyed by their path inside the data set's folder:
 * <ul>
 * <li>{@code trl/sft.jsonl}: TRL's conversational language-modeling format, {@code {"messages": [user, assistant]}};
 * <li>{@code trl/dpo.jsonl}: TRL's standard preference format, strings {@code prompt}, {@code chosen} and
 * {@code rejected} (full chains), plus {@code shared_prefix} (the exact text both chains begin with after the prompt)
 * and its length in code points ({@code shared_prefix_chars}) and tokens ({@code shared_prefix_tokens}), to mask it;
 * <li>{@code trl/dpo_continuation.jsonl}: TRL's conversational preference format in the continuation layout: the
 * prompt is the question plus the shared prefix as a final assistant turn (left out when the prefix is empty), chosen
 * and rejected are the diverging suffixes as assistant turns;
 * <li>{@code llamafactory/marco_sft.json} and {@code llamafactory/marco_dpo.json}: ShareGPT records, and
 * {@code llamafactory/dataset_info.json} describing them ({@code ranking: true} for the pairs);
 * <li>{@code stats.json}: the {@link DatasetStats}.
 * </ul>
 * Output is a pure function of the records, so the same data set gives byte-identical files.
 */
public final class DatasetFormats {

    public static final String TRL_SFT = "trl/sft.jsonl";
    public static final String TRL_DPO = "trl/dpo.jsonl";
    public static final String TRL_DPO_CONTINUATION = "trl/dpo_continuation.jsonl";
    public static final String LF_INFO = "llamafactory/dataset_info.json";
    public static final String LF_SFT = "llamafactory/marco_sft.json";
    public static final String LF_DPO = "llamafactory/marco_dpo.json";
    public static final String STATS = "stats.json";
    public static final List<String> FILES = List.of(TRL_SFT, TRL_DPO, TRL_DPO_CONTINUATION, LF_INFO, LF_SFT, LF_DPO,
            STATS);

    /** The names LLaMA-Factory's {@code --dataset} takes for the two files. */
    public static final String LF_SFT_NAME = "marco_sft";
    public static final String LF_DPO_NAME = "marco_dpo";

    private DatasetFormats() {
    }

    public static Map<String, byte[]> render(DatasetBuilder.Built built) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(TRL_SFT, jsonl(built.sft().stream().map(DatasetFormats::trlSft).toList()));
        files.put(TRL_DPO, jsonl(built.dpo().stream().map(p -> trlDpo(p.record())).toList()));
        files.put(TRL_DPO_CONTINUATION, jsonl(built.dpo().stream().map(p -> trlContinuation(p.record())).toList()));
        files.put(LF_INFO, pretty(llamaFactoryInfo()));
        files.put(LF_SFT, jsonArray(built.sft().stream().map(DatasetFormats::shareGptSft).toList()));
        files.put(LF_DPO, jsonArray(built.dpo().stream().map(p -> shareGptDpo(p.record())).toList()));
        files.put(STATS, pretty(built.stats()));
        return files;
    }

    static Map<String, Object> trlSft(SftRecord record) {
        return Map.of("messages", record.messages());
    }

    static Map<String, Object> trlDpo(DpoRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("prompt", promptText(record));
        line.put("chosen", record.chosen());
        line.put("rejected", record.rejected());
        line.put("shared_prefix", record.sharedPrefix());
        line.put("shared_prefix_chars", record.sharedPrefixChars());
        line.put("shared_prefix_tokens", record.sharedPrefixTokens());
        line.put("record_id", record.recordId());
        return line;
    }

    static Map<String, Object> trlContinuation(DpoRecord record) {
        List<ChatMessage> prompt = new ArrayList<>(record.prompt());
        if (!record.sharedPrefix().isEmpty()) {
            prompt.add(ChatMessage.assistant(record.sharedPrefix()));
        }
        int cut = record.sharedPrefix().length();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("prompt", prompt);
        line.put("chosen", List.of(ChatMessage.assistant(record.chosen().substring(cut))));
        line.put("rejected", List.of(ChatMessage.assistant(record.rejected().substring(cut))));
        line.put("record_id", record.recordId());
        return line;
    }

    static Map<String, Object> shareGptSft(SftRecord record) {
        return Map.of("conversations", record.messages().stream().map(DatasetFormats::shareGpt).toList());
    }

    static Map<String, Object> shareGptDpo(DpoRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("conversations", record.prompt().stream().map(DatasetFormats::shareGpt).toList());
        line.put("chosen", turn("gpt", record.chosen()));
        line.put("rejected", turn("gpt", record.rejected()));
        return line;
    }

    static Map<String, Object> llamaFactoryInfo() {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("role_tag", "from");
        tags.put("content_tag", "value");
        tags.put("user_tag", "human");
        tags.put("assistant_tag", "gpt");
        tags.put("system_tag", "system");
        Map<String, Object> sft = new LinkedHashMap<>();
        sft.put("file_name", "marco_sft.json");
        sft.put("formatting", "sharegpt");
        sft.put("columns", Map.of("messages", "conversations"));
        sft.put("tags", tags);
        Map<String, Object> dpoColumns = new LinkedHashMap<>();
        dpoColumns.put("messages", "conversations");
        dpoColumns.put("chosen", "chosen");
        dpoColumns.put("rejected", "rejected");
        Map<String, Object> dpo = new LinkedHashMap<>();
        dpo.put("file_name", "marco_dpo.json");
        dpo.put("formatting", "sharegpt");
        dpo.put("ranking", true);
        dpo.put("columns", dpoColumns);
        dpo.put("tags", tags);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put(LF_SFT_NAME, sft);
        info.put(LF_DPO_NAME, dpo);
        return info;
    }

    private static String promptText(DpoRecord record) {
        return record.prompt().stream().map(ChatMessage::content).reduce("", String::concat);
    }

    private static Map<String, Object> shareGpt(ChatMessage message) {
        String from = switch (message.role()) {
            case "user" -> "human";
            case "assistant" -> "gpt";
            default -> message.role();
        };
        return turn(from, message.content());
    }

    private static Map<String, Object> turn(String from, String value) {
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("from", from);
        turn.put("value", value);
        return turn;
    }

    private static byte[] jsonl(List<?> lines) {
        StringBuilder text = new StringBuilder();
        for (Object line : lines) {
            text.append(MessageCodec.encode(line)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON array with one record a line, readable and still one JSON document. */
    private static byte[] jsonArray(List<?> records) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < records.size(); i++) {
            text.append(i == 0 ? "\n" : ",\n").append(MessageCodec.encode(records.get(i)));
        }
        text.append(records.isEmpty() ? "]\n" : "\n]\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pretty(Object value) {
        try {
            return (MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
