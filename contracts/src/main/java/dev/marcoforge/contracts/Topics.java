package dev.marcoforge.contracts;

import java.util.List;

/**
 * Every Kafka topic of the system. Keys keep one problem's (or one inference request's) messages in order, so
 * each constant documents its key.
 */
public final class Topics {

    /** [problemId] {@link SearchRequest}: one problem of a job to search. */
    public static final String SEARCH_REQUESTS = "marco.search.requests";
    /** [problemId] {@link SearchResult}: the outcome of one problem's search. */
    public static final String SEARCH_RESULTS = "marco.search.results";
    /** [problemId] {@link VerifyRequest}: an answer to check against the ground truth. */
    public static final String VERIFY_REQUESTS = "marco.verify.requests";
    /** [problemId] {@link VerifyResult}: the verdict on an answer. */
    public static final String VERIFY_RESULTS = "marco.verify.results";
    /** [problemId] {@link CriticRequest}: a node the critic model must write. */
    public static final String CRITIC_REQUESTS = "marco.critic.requests";
    /** [problemId] {@link CriticResult}: the texts the critic model wrote. */
    public static final String CRITIC_RESULTS = "marco.critic.results";
    /** [problemId] {@link Chain}: every finished root-to-answer path. */
    public static final String CHAINS = "marco.chains";
    /** [problemId] {@link SftRecord}. */
    public static final String DATASETS_SFT = "marco.datasets.sft";
    /** [problemId] {@link DpoRecord}. */
    public static final String DATASETS_DPO = "marco.datasets.dpo";
    /** [requestId] {@link InferenceRequest}: a chat completion to run. */
    public static final String INFERENCE_REQUESTS = "marco.inference.requests";
    /** [requestId] {@link InferenceResult}: the answer, or its chunks when streamed. */
    public static final String INFERENCE_RESULTS = "marco.inference.results";

    /** [requestId] {@link InferenceCancel}: the caller went away; stop or drop the request. */
    public static final String INFERENCE_CANCELS = "marco.inference.cancels";
    /** [model name] {@link ModelRegistration}: trained checkpoints to serve; compacted, one partition. */
    public static final String MODELS = "marco.models";

    /** Suffix of the dead-letter topic that receives the messages a consumer of a topic could not handle. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** The topics some service consumes; each has a dead-letter topic. */
    public static final List<String> CONSUMED = List.of(
            SEARCH_REQUESTS, SEARCH_RESULTS, VERIFY_REQUESTS, VERIFY_RESULTS, CRITIC_REQUESTS, CRITIC_RESULTS,
            CHAINS, INFERENCE_REQUESTS, INFERENCE_RESULTS, INFERENCE_CANCELS, MODELS);

    /** Topics nobody in the system consumes yet; users' trainers read them. */
    public static final List<String> PRODUCED_ONLY = List.of(DATASETS_SFT, DATASETS_DPO);

    private Topics() {
    }

    /** Topics that keep only the latest message per key (and have a single partition). */
    public static boolean compacted(String topic) {
        return MODELS.equals(topic);
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic the platform creates: the data topics and one dead-letter topic per consumed topic. */
    public static List<String> all() {
        var all = new java.util.ArrayList<String>(CONSUMED);
        all.addAll(PRODUCED_ONLY);
        CONSUMED.forEach(t -> all.add(deadLetter(t)));
        return List.copyOf(all);
    }
}
