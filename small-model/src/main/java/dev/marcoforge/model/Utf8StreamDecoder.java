package dev.marcoforge.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns byte tokens arriving one by one into text, holding back the bytes of a character that is not complete
 * yet, so a streamed answer never shows half of a multi-byte character.
 */
public final class Utf8StreamDecoder {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4);
    private int expected;

    /** The text this token completes (often empty); special tokens give nothing. */
    public String push(int id) {
        if (ChatTokenizer.isSpecial(id)) {
            return "";
        }
        int b = id & 0xff;
        if (pending.size() == 0) {
            expected = sequenceLength(b);
            if (expected <= 1) {
                return expected == 1 ? String.valueOf((char) b) : "\uFFFD";
            }
            pending.write(b);
            return "";
        }
        if ((b & 0xC0) != 0x80) {
            // A broken sequence: what was pending is one replacement character, the new byte starts afresh.
            pending.reset();
            return "\uFFFD" + push(id);
        }
        pending.write(b);
        if (pending.size() < expected) {
            return "";
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return text;
    }

    /** What is left at the end of the stream (a truncated character shows as U+FFFD). */
    public String flush() {
        if (pending.size() == 0) {
            return "";
        }
        pending.reset();
        return "\uFFFD";
    }

    private static int sequenceLength(int b) {
        if (b < 0x80) {
            return 1;
        }
        if ((b & 0xE0) == 0xC0) {
            return 2;
        }
        if ((b & 0xF0) == 0xE0) {
            return 3;
        }
        if ((b & 0xF8) == 0xF0) {
            return 4;
        }
        return 0;
    }
}
