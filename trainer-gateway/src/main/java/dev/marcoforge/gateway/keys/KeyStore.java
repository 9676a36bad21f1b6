package dev.marcoforge.gateway.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keys in PostgreSQL. */
@ApplicationScoped
public class KeyStore {

    /** A key just made: the record's view and the key itself, which exists nowhere else from now on. */
    public record Created(ApiKey key, String secretKey) {
    }

    /** Key records with their salt and hash, for checking a presented secret. */
    record Stored(ApiKey key, String salt, String secretHash) {
    }

    @Transactional
    public Created create(String name, List<String> models, Integer requestsPerMinute, Integer tokensPerMinute,
            Integer maxConcurrent) {
        String secret = KeySecrets.newSecret();
        var record = new ApiKeyRecord();
        record.id = KeySecrets.newId();
        record.name = name;
        record.salt = KeySecrets.newSalt();
        record.secretHash = KeySecrets.hash(record.salt, secret);
        record.models = String.join(",", models);
        record.requestsPerMinute = requestsPerMinute;
        record.tokensPerMinute = tokensPerMinute;
        record.maxConcurrent = maxConcurrent;
        record.createdAt = Instant.now();
        record.persist();
        return new Created(view(record), KeySecrets.key(record.id, secret));
    }

    @Transactional
    public List<ApiKey> list() {
        return ApiKeyRecord.<ApiKeyRecord>listAll().stream()
                .sorted((a, b) -> a.createdAt.compareTo(b.createdAt)).map(KeyStore::view).toList();
    }

    /** @return the revoked key, empty when there is no such key */
    @Transactional
    public Optional<ApiKey> revoke(String id) {
        ApiKeyRecord record = ApiKeyRecord.findById(id);
        if (record == null) {
            return Optional.empty();
        }
        if (record.revokedAt == null) {
            record.revokedAt = Instant.now();
        }
        return Optional.of(view(record));
    }

    @Transactional
    Optional<Stored> find(String id) {
        ApiKeyRecord record = ApiKeyRecord.findById(id);
        return record == null ? Optional.empty()
                : Optional.of(new Stored(view(record), record.salt, record.secretHash));
    }

    private static ApiKey view(ApiKeyRecord record) {
        List<String> models = record.models == null || record.models.isBlank() ? List.of()
                : Arrays.stream(record.models.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
        return new ApiKey(record.id, record.name, models, record.requestsPerMinute, record.tokensPerMinute,
                record.maxConcurrent, record.createdAt, record.revokedAt);
    }
}
