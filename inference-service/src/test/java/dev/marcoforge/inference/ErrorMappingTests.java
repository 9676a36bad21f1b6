package dev.marcoforge.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcoforge.contracts.InferenceResult.Error;
import dev.marcoforge.inference.service.ErrorMapping;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorMappingTests {

    @Test
    void unknownModelIs404NamingTheModelAndTheKnownOnes() {
        Error error = ErrorMapping.unknownModel("gpt-9", List.of("marco-sandbox", "marco-o1"));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.code()).isEqualTo("model_not_found");
        assertThat(error.message()).contains("'gpt-9'").contains("marco-sandbox, marco-o1");
    }

    @Test
    void upstreamClientErrorKeepsItsStatusTypeMessageAndCode() {
        Error error = ErrorMapping.fromStatus("m", 400, """
                {"error": {"message": "max_tokens too large", "type": "BadRequestError", "code": 400}}""");
        assertThat(error).isEqualTo(new Error(400, "BadRequestError", "max_tokens too large", "400"));
    }

    @Test
    void upstreamClientErrorWithoutOpenAiShapeIsStillReadable() {
        assertThat(ErrorMapping.fromStatus("m", 422, "{\"detail\": \"field required\"}"))
                .isEqualTo(new Error(422, "invalid_request_error", "field required", null));
        assertThat(ErrorMapping.fromStatus("m", 404, "Not Found"))
                .isEqualTo(new Error(404, "invalid_request_error", "Not Found", null));
        assertThat(ErrorMapping.fromStatus("m", 400, "").message()).isEqualTo("(empty body)");
    }

    @Test
    void upstreamServerErrorsAndRejectedKeysAre502() {
        Error server = ErrorMapping.fromStatus("m", 503, "{\"error\": {\"message\": \"overloaded\"}}");
        assertThat(server.status()).isEqualTo(502);
        assertThat(server.type()).isEqualTo("upstream_error");
        assertThat(server.message()).contains("'m'").contains("HTTP 503").contains("overloaded");
        assertThat(ErrorMapping.fromStatus("m", 401, "{\"error\": {\"message\": \"bad key\"}}").status())
                .isEqualTo(502);
    }

    @Test
    void connectionFailuresAre502AndTimeoutsAre504() {
        Error refused = ErrorMapping.fromException("m",
                new ProcessingException(new ConnectException("Connection refused")), Duration.ofSeconds(5));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.type()).isEqualTo("upstream_error");
        assertThat(refused.message()).contains("unreachable").contains("Connection refused");

        Error slow = ErrorMapping.fromException("m", new RuntimeException(new TimeoutException()),
                Duration.ofSeconds(5));
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.type()).isEqualTo("timeout");
        assertThat(slow.message()).contains("5000 ms");

        Error other = ErrorMapping.fromException("m", new IllegalStateException("Connection was closed"),
                Duration.ofSeconds(5));
        assertThat(other.status()).isEqualTo(502);
        assertThat(other.message()).contains("Connection was closed");
    }

    @Test
    void anExpiredDeadlineIs504Timeout() {
        Error error = ErrorMapping.deadlinePassed("m", "before it was taken up");
        assertThat(error.status()).isEqualTo(504);
        assertThat(error.type()).isEqualTo("timeout");
        assertThat(error.code()).isEqualTo("deadline_exceeded");
    }
}
