package dev.marcoforge.launcher.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts platform processes detached from the launcher (their own session, so a Ctrl-C in the launcher's terminal
 * does not reach them), records their PIDs in the run folder, and stops them by PID.
 */
public final class ProcessSupervisor {

    private final Layout layout;

    public ProcessSupervisor(Layout layout) {
        this.layout = layout;
    }

    public long start(String name, List<String> command, Path workDir) {
        layout.createDirectories();
        List<String> detached = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            detached.add("setsid");
        }
        detached.addAll(command);
        Path log = layout.log(name);
        try {
            Files.writeString(log, "");
            Process process = new ProcessBuilder(detached)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            long pid = process.pid();
            Files.writeString(layout.pidFile(name), Long.toString(pid));
            return pid;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public Optional<ProcessHandle> running(String name) {
        return pid(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    public Optional<Long> pid(String name) {
        Path file = layout.pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops a process and its children: SIGTERM first, SIGKILL after the grace period. */
    public boolean stop(String name, Duration grace) {
        Optional<ProcessHandle> handle = running(name);
        boolean wasRunning = handle.isPresent();
        handle.ifPresent(process -> {
            List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
            family.add(process);
            family.forEach(ProcessHandle::destroy);
            Instant deadline = Instant.now().plus(grace);
            while (Instant.now().isBefore(deadline) && family.stream().anyMatch(ProcessHandle::isAlive)) {
                sleep(100);
            }
            family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            family.forEach(p -> p.onExit().join());
        });
        try {
            Files.deleteIfExists(layout.pidFile(name));
        } catch (IOException ignored) {
            // a stale PID file is harmless: its process is gone
        }
        return wasRunning;
    }

    public List<String> lastLogLines(String name, int count) {
        Path log = layout.log(name);
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(no log at " + log + ")");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
