package dev.marcoforge.gateway.messaging;

import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.SearchResult;
import dev.marcoforge.gateway.dataset.DatasetFiles;
import dev.marcoforge.gateway.dataset.DatasetService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code marco.search.results}: a problem's search is over, so its records of the job's default data set are
 * built and published. A message that cannot be read throws and goes to {@code marco.search.results.dlq}; storing
 * is tried again while the database fails it (see {@link RetriedTransactions}).
 */
@ApplicationScoped
public class SearchResultConsumer {

    private final DatasetService datasets;
    private final RetriedTransactions transactions;

    public SearchResultConsumer(DatasetService datasets, RetriedTransactions transactions) {
        this.datasets = datasets;
        this.transactions = transactions;
    }

    @Incoming("search-results")
    @Blocking
    public void onSearchResult(String json) {
        SearchResult result = MessageCodec.decode(json, SearchResult.class);
        DatasetFiles.requireSafeJobId(result.jobId());
        transactions.run(() -> datasets.onSearchResult(result, json));
    }
}
