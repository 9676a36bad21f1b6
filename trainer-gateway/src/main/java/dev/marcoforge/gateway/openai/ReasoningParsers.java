package dev.marcoforge.gateway.openai;

import dev.marcoforge.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The reasoning parser of each model ({@code marco.gateway.reasoning-parsers.<model>}), which a request may
 * override with its {@code reasoning_parser} field or the {@code X-Reasoning-Parser} header ({@code none}: the raw
 * text).
 */
@ApplicationScoped
public class ReasoningParsers {

    public static final String HEADER = "X-Reasoning-Parser";

    private final Map<String, ReasoningParser> byModel = new HashMap<>();
    private final ReasoningParser fallback;

    private final ModelCatalog catalog;
    private final ReasoningParser trained = ReasoningParser.named("marco").orElseThrow();

    public ReasoningParsers(GatewayConfig config, ModelCatalog catalog) {
        this.catalog = catalog;
        config.reasoningParsers().forEach((model, name) -> byModel.put(model, ReasoningParser.named(name)
                .orElseThrow(() -> new IllegalArgumentException("marco.gateway.reasoning-parsers." + model
                        + " must be one of " + ReasoningParser.names() + ", got '" + name + "'"))));
        this.fallback = ReasoningParser.named(config.defaultReasoningParser()).orElseThrow(
                () -> new IllegalArgumentException("marco.gateway.default-reasoning-parser must be one of "
                        + ReasoningParser.names() + ", got '" + config.defaultReasoningParser() + "'"));
    }

    /** @throws OpenAiException 400 when the header names no parser */
    public ReasoningParser resolve(String model, String requested, String header) {
        if (requested != null) {
            return ReasoningParser.named(requested).orElseThrow();
        }
        if (header != null && !header.isBlank()) {
            return ReasoningParser.named(header).orElseThrow(() -> OpenAiException.invalid(HEADER, "the "
                    + HEADER + " header must be one of " + ReasoningParser.names() + ", got '" + header + "'"));
        }
        // A trained checkpoint learned Marco's tags from the MCTS chains.
        return byModel.getOrDefault(model, catalog.isRegistered(model) ? trained : fallback);
    }
}
