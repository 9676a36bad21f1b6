package dev.marcoforge.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The gateway's settings; the defaults run it against a local broker and database. */
@ConfigMapping(prefix = "marco.gateway")
public interface GatewayConfig {

    /** Root of the data set files; SFT lines go to {@code <outputDir>/sft/<jobId>.jsonl}. */
    @WithDefault("./data/gateway")
    Path outputDir();

    /** The model names the /v1 API accepts and lists. */
    @WithDefault("marco-sandbox")
    List<String> models();

    /** How long a chat completion waits for its inference result before answering 504. */
    @WithDefault("120s")
    Duration requestTimeout();

    /** Whether /v1 calls need an API key ({@code Authorization: Bearer <key>}); off only for local experiments. */
    @WithDefault("true")
    boolean requireApiKeys();

    /** The secret of the key admin API ({@code /admin/keys}); without it (or the file) that API is off. */
    java.util.Optional<String> adminSecret();

    /** A file holding the admin secret, so it needs not be on a command line. */
    java.util.Optional<Path> adminSecretFile();

    /** How long a key's record is trusted before it is read again, so a revoke reaches every replica. */
    @WithDefault("5s")
    Duration keyCacheTtl();

    /** How the keys' limits hold across gateway replicas. */
    Limits limits();

    interface Limits {

        /**
         * How often a replica writes its use of each limited key to PostgreSQL and reads the others': the limits
         * hold across replicas, give or take what the replicas admit within one interval.
         */
        @WithDefault("1s")
        Duration syncInterval();

        /** A replica that has not written for this long is gone (crashed or scaled down): its calls no longer count. */
        @WithDefault("10s")
        Duration replicaTimeout();
    }

    /** Reasoning parser per model name ({@code marco}, {@code think}, {@code none}). */
    java.util.Map<String, String> reasoningParsers();

    /** The parser of models not named in {@link #reasoningParsers()}. */
    @WithDefault("none")
    String defaultReasoningParser();

    /** Training of the embedded small model. */
    Training training();

    interface Training {

        /** Where trained checkpoints are written ({@code <dir>/<model name>/<training id>}); default
         * {@code <output-dir>/models}. Inference services must see the same path (a shared volume). */
        java.util.Optional<Path> checkpointDir();

        /** PyTorch threads for training; 0 means every core. */
        @WithDefault("0")
        int threads();

        /** Where the CPU libtorch bundled in the jar is unpacked (the run folder in the local platform). */
        @WithDefault("${java.io.tmpdir}/marco-djl-cache")
        String cacheDir();

        /** The most records a request may carry inline. */
        @WithDefault("50000")
        int maxInlineRecords();
    }
}
