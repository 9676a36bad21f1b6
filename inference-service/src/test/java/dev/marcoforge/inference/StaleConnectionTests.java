package dev.marcoforge.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.inference.service.InferenceService;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class StaleConnectionTests {

    @Test
    void onlyAConnectionClosedUnderTheCallIsRetried() {
        assertThat(InferenceService.staleConnection(new HttpClosedException("Connection was closed"))).isTrue();
        assertThat(InferenceService.staleConnection(new RuntimeException("wrapped",
                new HttpClosedException("Connection was closed")))).isTrue();
        assertThat(InferenceService.staleConnection(new ConnectException("Connection refused"))).isFalse();
        assertThat(InferenceService.staleConnection(new TimeoutException())).isFalse();
    }
}
