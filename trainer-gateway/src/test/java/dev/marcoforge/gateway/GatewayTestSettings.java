package dev.marcoforge.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/** Gives the tests a fresh output directory, a short request timeout and two served models. */
public class GatewayTestSettings implements QuarkusTestResourceLifecycleManager {

    static final String TIMEOUT = "3s";

    private Path outputDir;

    @Override
    public Map<String, String> start() {
        try {
            outputDir = Files.createTempDirectory("marco-gateway-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("marco.gateway.output-dir", outputDir.toString(),
                "marco.gateway.request-timeout", TIMEOUT,
                "marco.gateway.models", "marco-sandbox,marco-o1-test");
    }

    @Override
    public void stop() {
        if (outputDir == null) {
            return;
        }
        try (var paths = Files.walk(outputDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind does no harm
        }
    }
}
