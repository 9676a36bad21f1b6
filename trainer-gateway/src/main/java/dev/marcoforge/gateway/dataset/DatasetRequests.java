package dev.marcoforge.gateway.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.marcoforge.contracts.MessageCodec;
import java.util.List;

/**
 * Reads the body of {@code POST /api/datasets} strictly: an option name with a typo would otherwise be ignored and
 * silently give the default, so an unknown field is an error naming it.
 */
public final class DatasetRequests {

    private static final ObjectMapper STRICT = MessageCodec.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DatasetRequests() {
    }

    /** @throws DatasetOptions.InvalidOptionsException naming what cannot be read */
    public static DatasetService.Request parse(String body) {
        if (body == null || body.isBlank()) {
            throw new DatasetOptions.InvalidOptionsException(List.of("the body must be a JSON object with 'jobs'"));
        }
        try {
            return STRICT.readValue(body, DatasetService.Request.class);
        } catch (UnrecognizedPropertyException e) {
            throw new DatasetOptions.InvalidOptionsException(List.of("unknown field '" + e.getPropertyName()
                    + "' at " + path(e) + "; known fields: " + e.getKnownPropertyIds()));
        } catch (JsonProcessingException e) {
            throw new DatasetOptions.InvalidOptionsException(List.of("not a valid request: " + e.getOriginalMessage()
                    + " at " + path(e)));
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            String path = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).reduce((a, b) -> a + "." + b).orElse("");
            return path.isEmpty() ? "the top level" : "'" + path + "'";
        }
        return "line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr());
    }
}
