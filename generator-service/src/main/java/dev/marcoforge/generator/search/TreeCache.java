package dev.marcoforge.generator.search;

import dev.marcoforge.generator.config.GeneratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trees of running problems between two steps, so a step does not reload its whole tree. A step takes its tree
 * out (no other thread can then touch it) and puts it back tagged with the problem's tree version once its
 * transaction has committed; a step that finds another version (another instance moved the search on) or nothing
 * loads the tree from the database. The least recently used trees go first when the cache is full.
 */
@ApplicationScoped
public class TreeCache {

    private final Map<String, Entry> trees;

    private record Entry(TreeState tree, long version) {
    }

    public TreeCache(GeneratorConfig settings) {
        int capacity = settings.treeCacheSize();
        this.trees = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The tree of {@code runId} at {@code version}, removed from the cache; null when it is not there as such. */
    public synchronized TreeState take(String runId, long version) {
        Entry entry = trees.remove(runId);
        return entry != null && entry.version() == version ? entry.tree() : null;
    }

    public synchronized void put(String runId, TreeState tree, long version) {
        trees.put(runId, new Entry(tree, version));
    }

    public synchronized void remove(String runId) {
        trees.remove(runId);
    }

    public synchronized int size() {
        return trees.size();
    }
}
