package dev.marcoforge.gateway.dataset;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.ChatMessage;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SftRecord;
import java.util.List;
import java.util.Map;

/** Turns a correct chain into the supervised fine-tuning sample TRL reads: a user turn and the assistant's chain. */
public final class SftSamples {

    private SftSamples() {
    }

    /** The prompt is what the generator asked, base prompt and question; the answer is the chain's whole text. */
    public static List<ChatMessage> messages(Chain chain) {
        return List.of(ChatMessage.user(chain.basePrompt() + chain.question()), ChatMessage.assistant(chain.text()));
    }

    /** One JSONL line, without the newline. JSON escapes line breaks inside strings, so the line stays one line. */
    public static String line(Chain chain) {
        return MessageCodec.encode(Map.of("messages", messages(chain)));
    }

    /** The sample as a record of data set {@code datasetId}, with its stable record id. */
    public static SftRecord record(String datasetId, Chain chain) {
        return new SftRecord(SftRecord.SCHEMA_VERSION, datasetId, chain.problemId(), chain.chainId(), messages(chain),
                RecordIds.sft(datasetId, chain.chainId()));
    }
}
