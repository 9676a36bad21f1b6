package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.Chain;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.gateway.dataset.DatasetFiles;
import dev.marcoforge.gateway.dataset.DatasetService;
import dev.marcoforge.gateway.dataset.SftDatasetService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads finished chains from {@code marco.chains}. A message that cannot be read, or whose job id cannot name a
 * file, throws, so the channel's dead-letter strategy moves it to {@code marco.chains.dlq} with the reason and
 * consumption goes on. A chain nobody judged (a confidence-reward search of a problem without ground truth) is
 * counted and skipped: SFT samples and DPO pairs need to know which chains are right.
 */
@ApplicationScoped
public class ChainConsumer {

    private final SftDatasetService datasets;
    private final DatasetService builtDatasets;
    private final MeterRegistry meters;

    public ChainConsumer(SftDatasetService datasets, DatasetService builtDatasets, MeterRegistry meters) {
        this.datasets = datasets;
        this.builtDatasets = builtDatasets;
        this.meters = meters;
    }

    /** One transaction per chain: storing it and re-building its problem's records share it (and its commit). */
    @Incoming("chains")
    @Blocking
    @Transactional
    public void onChain(String json) {
        Chain chain = MessageCodec.decode(json, Chain.class);
        DatasetFiles.requireSafeJobId(chain.jobId());
        if (!chain.judged()) {
            meters.counter("marco.gateway.chains", "outcome", "unjudged").increment();
            return;
        }
        if (datasets.accept(chain, json)) {
            // Usually a no-op: only a chain that arrives after its problem's search result changes the records.
            builtDatasets.onChainStored(chain);
        }
    }
}
