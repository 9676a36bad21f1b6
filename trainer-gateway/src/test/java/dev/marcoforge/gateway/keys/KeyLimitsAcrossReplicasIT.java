package dev.marcoforge.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.marcoforge.gateway.ApiTestSettings;
import dev.marcoforge.gateway.openai.OpenAiException;
import dev.marcoforge.testing.KafkaBrokerResource;
import dev.marcoforge.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas sharing the real PostgreSQL database: each one's admissions count against the same key's
 * limits on the other after a sync round (the rounds are run by the test instead of the timer).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "marco_gateway_test"))
@QuarkusTestResource(ApiTestSettings.class)
class KeyLimitsAcrossReplicasIT {

    @Inject
    KeyStore keys;

    @Inject
    KeyUsageStore usage;

    private KeyLimits replica(Duration replicaTimeout) {
        return new KeyLimits(usage, replicaTimeout, Duration.ofSeconds(1));
    }

    private ApiKey key(Integer requestsPerMinute, Integer tokensPerMinute, Integer maxConcurrent) {
        return keys.create("limits-" + UUID.randomUUID(), List.of(), requestsPerMinute, tokensPerMinute,
                maxConcurrent).key();
    }

    private static void syncAll(KeyLimits... replicas) throws SQLException {
        for (KeyLimits replica : replicas) {
            replica.sync();
        }
    }

    @Test
    void requestsPerMinuteAreSharedByTheReplicas() throws SQLException {
        ApiKey key = key(10, null, null);
        KeyLimits a = replica(Duration.ofSeconds(10));
        KeyLimits b = replica(Duration.ofSeconds(10));
        for (int i = 0; i < 6; i++) {
            a.admit(key).release(0);
        }
        syncAll(a, b);

        // b joins with what a left: 4 more calls, then the limit.
        for (int i = 0; i < 4; i++) {
            b.admit(key).release(0);
        }
        assertThatThrownBy(() -> b.admit(key)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("10 requests per minute");

        // a learns of b's 4 calls in the next round.
        syncAll(b, a);
        assertThatThrownBy(() -> a.admit(key)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("10 requests per minute");
    }

    @Test
    void tokensChargedOnOneReplicaCountOnTheOther() throws SQLException {
        ApiKey key = key(null, 1000, null);
        KeyLimits a = replica(Duration.ofSeconds(10));
        KeyLimits b = replica(Duration.ofSeconds(10));
        a.admit(key).release(100);
        syncAll(a, b);
        b.admit(key).release(300); // b's first call: a charged 100, so 900 left; now 600
        a.admit(key).release(550); // a has not heard of b's 300 yet: 900 - 550 = 350 left on a
        assertThat(a.admit(key)).isNotNull();

        syncAll(b, a); // a hears of b's 300: 50 left, still above zero
        a.admit(key).release(100);
        syncAll(a, b); // b hears of a's 650 in all: 600 - 650 < 0
        assertThatThrownBy(() -> b.admit(key)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("1000 tokens per minute");
        assertThatThrownBy(() -> a.admit(key)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("1000 tokens per minute");
    }

    @Test
    void concurrentCallsCountAcrossReplicasUntilTheirReplicaIsGone() throws SQLException {
        ApiKey key = key(null, null, 2);
        KeyLimits a = replica(Duration.ofSeconds(2));
        KeyLimits b = replica(Duration.ofSeconds(2));
        KeyLimits.Permit first = a.admit(key);
        a.admit(key);
        syncAll(a, b);
        assertThatThrownBy(() -> b.admit(key)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("at most 2 concurrent requests");

        first.release(0);
        syncAll(a, b);
        KeyLimits.Permit onB = b.admit(key);
        syncAll(b, a);
        assertThatThrownBy(() -> a.admit(key)).isInstanceOf(OpenAiException.class)
                .hasMessageContaining("at most 2 concurrent requests");
        onB.release(0);

        // a stops writing (as a killed replica would) while holding a call: once it is past the replica timeout
        // its call no longer holds a slot on b.
        syncAll(b);
        List<KeyLimits.Permit> held = new ArrayList<>();
        held.add(b.admit(key));
        assertThatThrownBy(() -> b.admit(key)).isInstanceOf(OpenAiException.class);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .ignoreException(OpenAiException.class).untilAsserted(() -> {
            b.sync();
            held.add(b.admit(key));
        });
        assertThat(held).hasSize(2);
    }
}
