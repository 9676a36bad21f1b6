package dev.marcoforge.gateway.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Stable ids. A record id derives from its data set and the chains it is made of, so building the same data set again
 * gives the same ids and a consumer can de-duplicate by them; a data set id derives from what was asked for.
 */
public final class RecordIds {

    private RecordIds() {
    }

    public static String sft(String datasetId, String chainId) {
        return uuid("sft/" + datasetId + "/" + chainId);
    }

    public static String dpo(String datasetId, String chosenChainId, String rejectedChainId) {
        return uuid("dpo/" + datasetId + "/" + chosenChainId + "/" + rejectedChainId);
    }

    /** {@code ds-} and 20 hex digits of the SHA-256 of the canonical request (jobs sorted, options resolved). */
    public static String dataset(String canonicalRequest) {
        return "ds-" + sha256Hex(canonicalRequest).substring(0, 20);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
