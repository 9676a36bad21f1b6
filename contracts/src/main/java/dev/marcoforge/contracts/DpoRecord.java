package dev.marcoforge.contracts;

import java.util.List;

/**
 * One preference pair: a correct (chosen) and an incorrect (rejected) chain of the same problem. The chains share
 * {@code sharedPrefix} (their lowest common ancestor's path); trainers mask it out of the loss. {@code chosen} and
 * {@code rejected} are the full assistant texts, prefix included, so both start with {@code sharedPrefix}.
 * {@code sharedPrefixChars} counts Unicode code points (what Python's {@code len} gives); {@code sharedPrefixTokens}
 * counts tokens of the data set's tokenizer. {@code recordId} is stable: the same data set and chain pair give the
 * same id (null only in messages of producers older than the field).
 */
public record DpoRecord(int schemaVersion, String datasetId, String problemId, String chosenChainId,
        String rejectedChainId, List<ChatMessage> prompt, String chosen, String rejected, String sharedPrefix,
        int sharedPrefixChars, Integer sharedPrefixTokens, String recordId) {

    public static final int SCHEMA_VERSION = 1;

    public DpoRecord {
        Require.schema(schemaVersion, SCHEMA_VERSION, "DpoRecord");
        Require.text(datasetId, "datasetId");
        Require.text(problemId, "problemId");
        Require.text(chosenChainId, "chosenChainId");
        Require.text(rejectedChainId, "rejectedChainId");
        prompt = List.copyOf(Require.nonEmpty(prompt, "prompt"));
        Require.present(chosen, "chosen");
        Require.present(rejected, "rejected");
        sharedPrefix = sharedPrefix == null ? "" : sharedPrefix;
    }
}
