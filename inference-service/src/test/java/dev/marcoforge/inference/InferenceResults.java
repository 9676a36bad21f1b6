package dev.marcoforge.inference;

import dev.marcoforge.contracts.InferenceResult;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.Topics;
import dev.marcoforge.testing.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the results of one request from {@code marco.inference.results}, for the tests. */
final class InferenceResults {

    private InferenceResults() {
    }

    /** Every result of a streamed request, in sequence order, once the last one has arrived. */
    static List<InferenceResult> awaitStream(String requestId, Duration wait) {
        List<InferenceResult> results = new ArrayList<>();
        KafkaTestClient.awaitRecord(Topics.INFERENCE_RESULTS, r -> {
            if (requestId.equals(r.key())) {
                results.add(MessageCodec.decode(r.value(), InferenceResult.class));
            }
            return results.stream().anyMatch(InferenceResult::last);
        }, wait);
        results.sort(Comparator.comparingLong(InferenceResult::sequence));
        return results;
    }
}
