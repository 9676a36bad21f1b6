package dev.marcoforge.verifier.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.VerifyRequest;
import dev.marcoforge.contracts.VerifyResult;
import dev.marcoforge.verifier.evaluation.VerificationService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Reads answers to check from {@code marco.verify.requests} and writes verdicts to {@code marco.verify.results},
 * keyed by problem id. A message that cannot be read throws, so the channel's dead-letter strategy moves it to
 * {@code marco.verify.requests.dlq} with the reason, and consumption goes on.
 */
@ApplicationScoped
public class VerifyRequestConsumer {

    private final VerificationService verification;

    public VerifyRequestConsumer(VerificationService verification) {
        this.verification = verification;
    }

    @Incoming("verify-requests")
    @Outgoing("verify-results")
    @Blocking
    public Record<String, String> onRequest(Record<String, String> message) {
        VerifyRequest request = MessageCodec.decode(message.value(), VerifyRequest.class);
        VerifyResult result = verification.verify(request);
        return Record.of(request.problemId(), MessageCodec.encode(result));
    }
}
