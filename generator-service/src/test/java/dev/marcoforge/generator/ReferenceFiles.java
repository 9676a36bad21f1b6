package dev.marcoforge.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Marco-o1 reference files, which tests read but the service never does. */
public final class ReferenceFiles {

    private ReferenceFiles() {
    }

    /** {@code shared/reference/marco-o1/<name>}, looked up from the working directory upward. */
    public static Path marcoO1(String name) {
        Path relative = Path.of("shared", "reference", "marco-o1", name);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
