package dev.marcoforge.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.contracts.MessageCodec;
import java.io.IOException;

/** JSON literals for tests. */
public final class TestJson {

    private TestJson() {
    }

    public static JsonNode json(String text) {
        try {
            return MessageCodec.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
