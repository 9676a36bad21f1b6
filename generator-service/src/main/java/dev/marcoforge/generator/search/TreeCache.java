package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.GeneratorConfig;
import dev.marcoforge.generator.persistence.ProblemRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running problems between two steps, each as its row and tree were last written by this instance, so a step
 * reads nothing from the database. A step takes its problem out (no other thread can then touch those objects) and
 * puts it back once its changes are written; a step that finds nothing loads the problem from the database. Whether
 * the copy here is still the current one is checked when the step writes (see StepWriter): another instance's step
 * makes the write miss, and the step is taken again from the database. The least recently used go first when the
 * cache is full.
 */
@ApplicationScoped
public class TreeCache {

    /** A problem's row (detached) and tree as of its row's {@code treeVersion}. */
    public record Entry(ProblemRun run, TreeState tree) {
    }

    private final Map<String, Entry> byRun;
    private final Map<String, String> runIdByProblem = new HashMap<>();

    public TreeCache(GeneratorConfig settings) {
        int capacity = settings.treeCacheSize();
        this.byRun = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > capacity) {
                    runIdByProblem.remove(problemKey(eldest.getValue().run().jobId, eldest.getValue().run().problemId));
                    return true;
                }
                return false;
            }
        };
    }

    /** The problem run {@code runId}, removed from the cache; null when it is not there. */
    public synchronized Entry take(String runId) {
        Entry entry = byRun.remove(runId);
        if (entry != null) {
            runIdByProblem.remove(problemKey(entry.run().jobId, entry.run().problemId));
        }
        return entry;
    }

    /** The problem {@code problemId} of job {@code jobId}, removed from the cache; null when it is not there. */
    public synchronized Entry take(String jobId, String problemId) {
        String runId = runIdByProblem.get(problemKey(jobId, problemId));
        return runId == null ? null : take(runId);
    }

    public synchronized void put(Entry entry) {
        byRun.put(entry.run().id, entry);
        runIdByProblem.put(problemKey(entry.run().jobId, entry.run().problemId), entry.run().id);
    }

    public synchronized void remove(String runId) {
        take(runId);
    }

    public synchronized int size() {
        return byRun.size();
    }

    private static String problemKey(String jobId, String problemId) {
        return jobId + '\n' + problemId;
    }
}
