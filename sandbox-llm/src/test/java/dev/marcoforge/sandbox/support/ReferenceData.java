package dev.marcoforge.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Marco-o1 reference files in the shared folder beside the checkout. Tests that use them are skipped where
 * the folder is absent; the simulator itself never reads them.
 */
public final class ReferenceData {

    public record ReferenceProblem(String id, String problem, long solution) {
    }

    /** A prompt in the reference's style, used when the shared folder is not there. */
    private static final String FALLBACK_BASE_PROMPT = "Now you need to complete a task related to letters.\n"
            + "First, you need to break down the task in <sub-task>.\nIn <thinking>, complete the sub-tasks.\n"
            + "In <double-check>, ensure that the steps in <thinking> are correct.\n"
            + "In <answer>, output your answer in boxed{xx}.\n\nNow the question is: ";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceData() {
    }

    public static Optional<List<ReferenceProblem>> letterCountProblems() {
        return referenceFile("latter_count_hard.json").map(file -> {
            List<ReferenceProblem> problems = new ArrayList<>();
            for (JsonNode node : read(file)) {
                problems.add(new ReferenceProblem(node.get("id").asText(), node.get("problem").asText(),
                        node.get("solution").asLong()));
            }
            return problems;
        });
    }

    public static String basePrompt() {
        return referenceFile("demo_config.json")
                .map(file -> read(file).get("base_prompt").asText())
                .orElse(FALLBACK_BASE_PROMPT);
    }

    private static Optional<Path> referenceFile(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("reference").resolve("marco-o1").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
