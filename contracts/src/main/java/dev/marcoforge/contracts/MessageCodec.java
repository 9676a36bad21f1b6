package dev.marcoforge.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON for the messages on the topics. Messages travel as UTF-8 JSON strings, so any consumer (a Python trainer,
 * kcat) can read them; a message that does not parse or violates a record's rules raises
 * {@link MalformedMessageException} with the reason, and the consumer sends it to the dead-letter topic.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Unknown fields are tolerated so a newer producer can add optional fields without breaking readers.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private MessageCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + message.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException("empty message where a " + type.getSimpleName() + " was expected");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MalformedMessageException("null message where a " + type.getSimpleName() + " was expected");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    /** A message that cannot be read as the record its topic carries. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }

        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
