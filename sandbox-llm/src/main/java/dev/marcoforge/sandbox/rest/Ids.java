package dev.marcoforge.sandbox.rest;

import java.time.Instant;
import java.util.UUID;

/** Response ids in OpenAI's style; random even for seeded requests, since only the text must repeat. */
final class Ids {

    private Ids() {
    }

    static String chatCompletion() {
        return "chatcmpl-" + randomHex();
    }

    static String textCompletion() {
        return "cmpl-" + randomHex();
    }

    static long nowEpochSeconds() {
        return Instant.now().getEpochSecond();
    }

    private static String randomHex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
