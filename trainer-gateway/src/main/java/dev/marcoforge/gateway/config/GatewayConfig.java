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
}
