package dev.marcoforge.launcher.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.marcoforge.contracts.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads problems in the Marco-o1 data format: a JSON array of {id, problem, solution}, or one object per line. */
public final class ProblemFile {

    private ProblemFile() {
    }

    public static ArrayNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("input file not found: " + file.toAbsolutePath());
        }
        String text = Files.readString(file).strip();
        var mapper = MessageCodec.mapper();
        if (text.startsWith("[")) {
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
            }
            return (ArrayNode) node;
        }
        ArrayNode problems = mapper.createArrayNode();
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                problems.add(mapper.readTree(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + lineNumber + " is not valid JSON: "
                        + e.getOriginalMessage());
            }
        }
        return problems;
    }
}
