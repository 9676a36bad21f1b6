package dev.marcoforge.gateway.keys;

import dev.marcoforge.gateway.config.GatewayConfig;
import dev.marcoforge.gateway.openai.OpenAiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the key of a call from its {@code Authorization} header. Records are cached for {@code key-cache-ttl}, so
 * the hot path reads no database and a revoke reaches every replica within that time; the database is read on a
 * worker thread, never on the event loop.
 */
@ApplicationScoped
public class KeyAuthenticator {

    private static final String BEARER = "bearer ";

    private final KeyStore store;
    private final boolean required;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public KeyAuthenticator(KeyStore store, GatewayConfig config) {
        this.store = store;
        this.required = config.requireApiKeys();
        this.ttlNanos = config.keyCacheTtl().toNanos();
    }

    private record Cached(Optional<KeyStore.Stored> stored, long loadedAt) {
    }

    /** @return the key, or a failure with a 401 {@link OpenAiException} */
    public Uni<ApiKey> authenticate(String authorization) {
        if (!required) {
            return Uni.createFrom().item(ApiKey.ANONYMOUS);
        }
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(OpenAiException.unauthorized("You didn't provide an API key. Send it"
                    + " in the Authorization header as 'Bearer <key>'.", null));
        }
        String value = authorization.strip();
        String presented = value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? value.substring(BEARER.length()).strip() : value;
        var parsed = KeySecrets.parse(presented);
        if (parsed.isEmpty()) {
            return Uni.createFrom().failure(wrongKey());
        }
        Cached cached = cache.get(parsed.get().id());
        if (cached != null && System.nanoTime() - cached.loadedAt() < ttlNanos) {
            return check(cached.stored(), parsed.get());
        }
        return Uni.createFrom().item(() -> load(parsed.get().id()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(stored -> check(stored, parsed.get()));
    }

    /** The same check for blocking callers (JAX-RS methods on worker threads). */
    public ApiKey authenticateBlocking(String authorization) {
        return authenticate(authorization).await().indefinitely();
    }

    /** Drops the cached record at once on this replica (a revoke here). */
    public void invalidate(String id) {
        cache.remove(id);
    }

    private Optional<KeyStore.Stored> load(String id) {
        Optional<KeyStore.Stored> stored = store.find(id);
        cache.put(id, new Cached(stored, System.nanoTime()));
        return stored;
    }

    private static Uni<ApiKey> check(Optional<KeyStore.Stored> stored, KeySecrets.Parsed presented) {
        if (stored.isEmpty() || !KeySecrets.matches(stored.get().salt(), presented.secret(),
                stored.get().secretHash())) {
            return Uni.createFrom().failure(wrongKey());
        }
        if (stored.get().key().revoked()) {
            return Uni.createFrom().failure(OpenAiException.unauthorized("This API key has been revoked.",
                    "invalid_api_key"));
        }
        return Uni.createFrom().item(stored.get().key());
    }

    private static OpenAiException wrongKey() {
        return OpenAiException.unauthorized("Incorrect API key provided.", "invalid_api_key");
    }
}
