package dev.marcoforge.gateway.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends whole lines to JSONL files. Lines of one file never interleave: appends to a file are serialised in this
 * JVM by a lock per file, and across processes (replicas sharing a volume) by an OS file lock.
 */
@ApplicationScoped
public class JsonlAppender {

    private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();

    public void append(Path file, String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a JSONL line must not contain a line break");
        }
        Path key = file.toAbsolutePath().normalize();
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            try {
                Files.createDirectories(key.getParent());
                try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND); var ignored = channel.lock()) {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + key + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The length of the file's complete lines: a reader that stops there never hands out a line still being written.
     */
    public static long completeLength(Path file) throws IOException {
        try (var raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            byte[] buffer = new byte[8192];
            while (end > 0) {
                int size = (int) Math.min(buffer.length, end);
                raf.seek(end - size);
                raf.readFully(buffer, 0, size);
                for (int i = size - 1; i >= 0; i--) {
                    if (buffer[i] == '\n') {
                        return end - size + i + 1;
                    }
                }
                end -= size;
            }
            return 0;
        }
    }
}
