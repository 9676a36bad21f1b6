package dev.marcoforge.model;

import ai.djl.ndarray.NDArray;

/**
 * The keys and values of the tokens already run, per layer ([batch, heads, length, head width]), so that sampling
 * runs each new token alone instead of the whole sequence again. It owns its arrays: they outlive the scope of the
 * step that made them, and {@link #close()} frees them.
 */
public final class KvCache implements AutoCloseable {

    private final LayerCache[] layers;
    private int length;

    KvCache(int depth) {
        layers = new LayerCache[depth];
        for (int i = 0; i < depth; i++) {
            layers[i] = new LayerCache();
        }
    }

    public int length() {
        return length;
    }

    LayerCache layer(int index) {
        return layers[index];
    }

    void advance(int steps) {
        length += steps;
    }

    @Override
    public void close() {
        for (LayerCache layer : layers) {
            layer.close();
        }
    }

    static final class LayerCache {
        private NDArray keys;
        private NDArray values;

        NDArray appendKeys(NDArray k) {
            keys = append(keys, k);
            return keys;
        }

        NDArray appendValues(NDArray v) {
            values = append(values, v);
            return values;
        }

        private static NDArray append(NDArray held, NDArray fresh) {
            NDArray joined = held == null ? fresh.duplicate() : held.concat(fresh, 2);
            // Out of the step's scope: the cache frees it, when it is replaced or closed.
            ai.djl.ndarray.NDScope.unregister(joined);
            if (held != null) {
                held.close();
            }
            return joined;
        }

        void close() {
            if (keys != null) {
                keys.close();
            }
            if (values != null) {
                values.close();
            }
        }
    }
}
