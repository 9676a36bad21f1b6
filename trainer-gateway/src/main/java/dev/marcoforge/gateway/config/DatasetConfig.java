package dev.marcoforge.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** How the gateway builds data sets from the trees. */
@ConfigMapping(prefix = "marco.gateway.datasets")
public interface DatasetConfig {

    /**
     * The tokenizer that counts shared-prefix tokens when a request names none: {@code whitespace}, {@code chars} or
     * {@code huggingface} (which needs {@link #tokenizerFile()}).
     */
    @WithDefault("whitespace")
    String tokenizer();

    /** A local Hugging Face {@code tokenizer.json} (the served model's); nothing is downloaded. */
    Optional<Path> tokenizerFile();
}
