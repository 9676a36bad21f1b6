package dev.marcoforge.contracts;

import java.util.List;

/**
 * One supervised fine-tuning sample: a conversation ending in the assistant's chain, as TRL reads {@code messages}.
 * {@code recordId} is stable: the same data set and chain give the same id, so a consumer can de-duplicate by it
 * (null only in messages of producers older than the field).
 */
public record SftRecord(int schemaVersion, String datasetId, String problemId, String chainId,
        List<ChatMessage> messages, String recordId) {

    public static final int SCHEMA_VERSION = 1;

    public SftRecord {
        Require.schema(schemaVersion, SCHEMA_VERSION, "SftRecord");
        Require.text(datasetId, "datasetId");
        Require.text(problemId, "problemId");
        Require.text(chainId, "chainId");
        messages = List.copyOf(Require.nonEmpty(messages, "messages"));
    }
}
