package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.dataset.DatasetFiles;
import dev.marcoforge.gateway.dataset.DatasetService;
import dev.marcoforge.gateway.dataset.SftDatasetService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads finished chains from {@code marco.chains}, a poll's worth at a time: the chains of one poll are stored, and
 * their problems' records built, in one transaction of a few statements, where one transaction per chain made the
 * gateway the busiest process of a fast search. That transaction is run again while the database fails it (see
 * {@link RetriedTransactions}); only if it still fails does the channel's dead-letter strategy take the whole poll.
 * A message that cannot be read, or whose job id cannot name a file, goes to {@code marco.chains.dlq} alone with the
 * reason and the rest of its poll is stored (see {@link ChainDeadLetters}). A chain nobody judged (a
 * confidence-reward search of a problem without ground truth) is counted and skipped: SFT samples and DPO pairs
 * need to know which chains are right.
 */
@ApplicationScoped
public class ChainConsumer {

    private final SftDatasetService datasets;
    private final DatasetService builtDatasets;
    private final ChainDeadLetters deadLetters;
    private final MeterRegistry meters;
    private final RetriedTransactions transactions;

    public ChainConsumer(SftDatasetService datasets, DatasetService builtDatasets, ChainDeadLetters deadLetters,
            MeterRegistry meters, RetriedTransactions transactions) {
        this.datasets = datasets;
        this.builtDatasets = builtDatasets;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.transactions = transactions;
    }

    @Incoming("chains")
    @Blocking
    public void onChains(ConsumerRecords<String, String> poll) {
        List<SftDatasetService.Received> received = new ArrayList<>();
        for (ConsumerRecord<String, String> record : poll) {
            Chain chain;
            try {
                chain = MessageCodec.decode(record.value(), Chain.class);
                DatasetFiles.requireSafeJobId(chain.jobId());
            } catch (RuntimeException e) {
                deadLetters.send(record, e);
                continue;
            }
            if (!chain.judged()) {
                meters.counter("marco.gateway.chains", "outcome", "unjudged").increment();
                continue;
            }
            received.add(new SftDatasetService.Received(chain, record.value()));
        }
        // Usually a no-op: only the chain that completes a problem whose search result came first builds it.
        transactions.run(() -> builtDatasets.onChainsStored(datasets.acceptAll(received)));
    }
}
