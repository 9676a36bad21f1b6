package dev.marcoforge.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key format and its hashing. A key reads {@code mf-<id>-<secret>}: the id (12 hex digits) finds the record,
 * the secret (32 random bytes, base64url) is checked against SHA-256(salt || secret) with a per-key salt.
 */
public final class KeySecrets {

    static final String PREFIX = "mf-";
    private static final int ID_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    /** A presented key split into its parts, when it has the format at all. */
    public record Parsed(String id, String secret) {
    }

    public static Optional<Parsed> parse(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() < PREFIX.length() + ID_LENGTH + 2
                || key.charAt(PREFIX.length() + ID_LENGTH) != '-') {
            return Optional.empty();
        }
        String id = key.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        if (!id.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(id, key.substring(PREFIX.length() + ID_LENGTH + 1)));
    }

    static String newId() {
        byte[] bytes = new byte[ID_LENGTH / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String key(String id, String secret) {
        return PREFIX + id + "-" + secret;
    }

    static String hash(String salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison, so the time taken tells nothing about how much of a guess was right. */
    static boolean matches(String salt, String secret, String expectedHash) {
        return MessageDigest.isEqual(hash(salt, secret).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean sameSecret(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
