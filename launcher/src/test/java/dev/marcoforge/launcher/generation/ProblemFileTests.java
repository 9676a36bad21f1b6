package dev.marcoforge.launcher.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemFileTests {

    @TempDir
    Path dir;

    @Test
    void readsTheReferenceDataSetFormat() throws Exception {
        Path reference = Path.of("../../shared/reference/marco-o1/latter_count_hard.json");
        var problems = ProblemFile.read(reference);
        assertThat(problems).hasSize(500);
        assertThat(problems.get(0).path("id").asText()).isEqualTo("real_0");
        assertThat(problems.get(0).path("solution").asInt()).isEqualTo(3);
    }

    @Test
    void readsJsonLines() throws Exception {
        Path file = dir.resolve("p.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"problem\":\"q1\",\"solution\":1}\n\n{\"id\":\"b\",\"problem\":\"q2\",\"solution\":2}\n");
        assertThat(ProblemFile.read(file)).hasSize(2);
    }

    @Test
    void aBrokenLineIsNamed() throws Exception {
        Path file = dir.resolve("p.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"problem\":\"q1\",\"solution\":1}\n{oops\n");
        assertThatThrownBy(() -> ProblemFile.read(file)).hasMessageContaining("line 2");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ProblemFile.read(dir.resolve("nope.json"))).hasMessageContaining("nope.json");
    }

    @Test
    void problemIdsBecomeSafeFileNames() {
        assertThat(JobOutput.fileName("real_1")).isEqualTo("real_1");
        assertThat(JobOutput.fileName("../etc/passwd")).isEqualTo(".._etc_passwd");
    }
}
