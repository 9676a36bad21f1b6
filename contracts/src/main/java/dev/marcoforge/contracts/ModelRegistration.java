package dev.marcoforge.contracts;

import java.util.regex.Pattern;

/**
 * A model checkpoint to serve (or, with {@code removed}, to stop serving) under {@code name}. The trainer publishes
 * one when a training finishes; every inference replica loads {@code checkpoint} (a folder on storage they share
 * with the trainer, such as a volume mounted at the same path) and every gateway replica lists the name in
 * {@code /v1/models}. The topic is compacted and keyed by name, so a replica that starts later reads the latest
 * registration of every model.
 */
public record ModelRegistration(int schemaVersion, String name, String checkpoint, String method,
        String trainingId, long createdEpochSeconds, boolean removed) {

    public static final int SCHEMA_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    public ModelRegistration {
        Require.schema(schemaVersion, SCHEMA_VERSION, "ModelRegistration");
        Require.text(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'name' must be 1-100 letters, digits, '.', '_', ':' or '-', starting"
                    + " with a letter or digit; got '" + name + "'");
        }
        if (!removed) {
            Require.text(checkpoint, "checkpoint");
        }
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
