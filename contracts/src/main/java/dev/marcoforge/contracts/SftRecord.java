package dev.marcoforge.contracts;

import java.util.List;

/** One supervised fine-tuning sample: a conversation ending in the assistant's chain, as TRL reads {@code messages}. */
public record SftRecord(int schemaVersion, String datasetId, String problemId, String chainId,
        List<ChatMessage> messages) {

    public static final int SCHEMA_VERSION = 1;

    public SftRecord {
        Require.schema(schemaVersion, SCHEMA_VERSION, "SftRecord");
        Require.text(datasetId, "datasetId");
        Require.text(problemId, "problemId");
        Require.text(chainId, "chainId");
        messages = List.copyOf(Require.nonEmpty(messages, "messages"));
    }
}
