package dev.marcoforge.launcher.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are: the checkout (MARCO_HOME) and the run folder (MARCO_RUN_DIR, default {@code run/} in the
 * checkout, ignored by git) that holds every log, PID file, broker log and output of the local platform.
 */
public record Layout(Path home, Path runDir) {

    public static Layout fromEnvironment() {
        String homeProperty = System.getProperty("marco.home", System.getenv().getOrDefault("MARCO_HOME", "."));
        Path home = Path.of(homeProperty).toAbsolutePath().normalize();
        String run = System.getenv("MARCO_RUN_DIR");
        Path runDir = run == null || run.isBlank() ? home.resolve("run") : home.resolve(run).normalize();
        return new Layout(home, runDir);
    }

    public Path logs() {
        return runDir.resolve("logs");
    }

    public Path pids() {
        return runDir.resolve("pids");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return pids().resolve(component + ".pid");
    }

    public Path kafkaLibs() {
        return home.resolve("local-kafka/target/lib");
    }

    public Path kafkaDir() {
        return runDir.resolve("kafka");
    }

    /** The gateway's key admin secret, made by {@code ./marco up} and read by {@code ./marco keys}. */
    public Path gatewayAdminSecret() {
        return runDir.resolve("gateway-admin-secret");
    }

    public Path serviceJar(String module) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public void createDirectories() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(pids());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the run folder " + runDir + ": " + e.getMessage(), e);
        }
    }
}
