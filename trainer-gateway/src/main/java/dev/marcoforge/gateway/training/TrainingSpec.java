package dev.marcoforge.gateway.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcoforge.model.ModelConfig;
import dev.marcoforge.model.train.TrainingOptions;
import java.util.List;

/**
 * A checked training request. Data: a built data set ({@code datasetId}) or inline records in the TRL shapes.
 * Start: a model trained here ({@code baseModel}), a checkpoint folder ({@code baseCheckpoint}), or a fresh model
 * of {@code modelConfig} (SFT only). {@code problemPrompt}: the prompt is the problem alone, not base prompt plus
 * problem (small models have short contexts).
 */
public record TrainingSpec(String name, String method, String datasetId, List<JsonNode> records, String baseModel,
        String baseCheckpoint, ModelConfig modelConfig, boolean problemPrompt, String basePrompt,
        TrainingOptions options) {

    public boolean dpo() {
        return "dpo".equals(method);
    }
}
