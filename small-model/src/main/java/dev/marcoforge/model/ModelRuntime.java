package dev.marcoforge.model;

import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * The PyTorch engine, started offline: the CPU libtorch comes from the {@code pytorch-native-cpu} jar on the class
 * path and is unpacked into {@code cacheDir} (the run folder, not the user's home); nothing is ever downloaded.
 * Settings already given as system properties win.
 */
public final class ModelRuntime {

    private static volatile Engine engine;

    private ModelRuntime() {
    }

    public static Engine engine() {
        return engine(null);
    }

    public static synchronized Engine engine(Path cacheDir) {
        if (engine != null) {
            return engine;
        }
        setIfAbsent("ai.djl.offline", "true");
        if (cacheDir != null) {
            String dir = cacheDir.toAbsolutePath().toString();
            setIfAbsent("DJL_CACHE_DIR", dir);
            setIfAbsent("ENGINE_CACHE_DIR", dir);
        }
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot start the PyTorch CPU engine (is ai.djl.pytorch:pytorch-native-cpu "
                    + "on the class path?): " + e.getMessage(), e);
        }
        return engine;
    }

    /**
     * PyTorch's intra-op threads for the whole process. Training wants every core; sampling one token at a time is
     * faster on one thread (its operations are too small to split, and requests run side by side instead).
     */
    public static void threads(int count) {
        engine();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(Math.max(1, count));
    }

    public static int threads() {
        engine();
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
