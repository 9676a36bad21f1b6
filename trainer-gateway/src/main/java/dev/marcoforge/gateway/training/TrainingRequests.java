package dev.marcoforge.gateway.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marcoforge.contracts.MessageCodec;
import dev.marcoforge.contracts.ModelRegistration;
import dev.marcoforge.gateway.dataset.DatasetFiles;
import dev.marcoforge.model.ModelConfig;
import dev.marcoforge.model.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads a {@code POST /api/trainings} body into a {@link TrainingSpec}, naming every problem it finds. */
public final class TrainingRequests {

    static final Set<String> FIELDS = Set.of("name", "method", "dataset_id", "records", "base_model",
            "base_checkpoint", "model_config", "prompt", "base_prompt", "hyperparameters");
    static final Set<String> HYPERPARAMETERS = Set.of("epochs", "steps", "batch_size", "learning_rate",
            "warmup_steps", "min_learning_rate_ratio", "weight_decay", "adam_beta1", "adam_beta2", "clip_norm",
            "seed", "beta", "label_smoothing", "sft_alpha", "mask_shared_prefix");

    private TrainingRequests() {
    }

    public static TrainingSpec parse(String body, int maxInlineRecords) {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new InvalidTrainingException(List.of("the body is not JSON: " + firstLine(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTrainingException(List.of("the body must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        unknown(root, FIELDS, "", problems);

        String name = text(root, "name", problems);
        if (name == null) {
            problems.add("name: give the name the trained model is served under");
        } else if (!ModelRegistration.validName(name)) {
            problems.add("name: use 1-100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit; got '"
                    + name + "'");
        }
        String method = text(root, "method", problems);
        if (method == null || !(method.equals("sft") || method.equals("dpo"))) {
            problems.add("method: 'sft' or 'dpo', got " + (method == null ? "nothing" : "'" + method + "'"));
        }

        String datasetId = text(root, "dataset_id", problems);
        List<JsonNode> records = null;
        if (root.has("records")) {
            JsonNode list = root.get("records");
            if (!list.isArray() || list.isEmpty()) {
                problems.add("records: a non-empty list of records");
            } else if (list.size() > maxInlineRecords) {
                problems.add("records: at most " + maxInlineRecords + " inline records, got " + list.size());
            } else {
                records = new ArrayList<>();
                list.forEach(records::add);
            }
        }
        if (datasetId == null && !root.has("records")) {
            problems.add("give the data: dataset_id (a built data set) or records (inline)");
        } else if (datasetId != null && root.has("records")) {
            problems.add("give dataset_id or records, not both");
        }
        if (datasetId != null && !DatasetFiles.isSafeDatasetId(datasetId)) {
            problems.add("dataset_id: '" + datasetId + "' is not a data set id (ds-<20 hex digits>)");
        }

        String baseModel = text(root, "base_model", problems);
        String baseCheckpoint = text(root, "base_checkpoint", problems);
        if (baseModel != null && baseCheckpoint != null) {
            problems.add("give base_model or base_checkpoint, not both");
        }
        ModelConfig modelConfig = null;
        if (root.has("model_config")) {
            if (baseModel != null || baseCheckpoint != null) {
                problems.add("model_config is for a fresh model; a base model brings its own");
            }
            try {
                modelConfig = ModelConfig.parse(root.get("model_config").toString());
            } catch (IllegalArgumentException e) {
                problems.add("model_config: " + e.getMessage());
            }
        }
        if ("dpo".equals(method) && baseModel == null && baseCheckpoint == null) {
            problems.add("dpo starts from a trained model: give base_model (a model trained here) or base_checkpoint");
        }

        String prompt = text(root, "prompt", problems);
        if (prompt != null && !(prompt.equals("full") || prompt.equals("problem"))) {
            problems.add("prompt: 'full' (base prompt and problem) or 'problem' (the problem alone), got '" + prompt
                    + "'");
        }
        String basePrompt = text(root, "base_prompt", problems);

        TrainingOptions options = options(root.get("hyperparameters"), "dpo".equals(method), problems);
        if (!problems.isEmpty()) {
            throw new InvalidTrainingException(problems);
        }
        return new TrainingSpec(name, method, datasetId, records, baseModel, baseCheckpoint,
                modelConfig, "problem".equals(prompt), basePrompt, options);
    }

    /** The request without its inline records (they can be large), for storage. */
    public static String summary(String body) {
        try {
            JsonNode root = MessageCodec.mapper().readTree(body);
            if (root instanceof ObjectNode object && object.has("records")) {
                object.put("records", object.get("records").size() + " inline records");
            }
            return root.toString();
        } catch (Exception e) {
            return "{}";
        }
    }

    private static TrainingOptions options(JsonNode node, boolean dpo, List<String> problems) {
        TrainingOptions d = TrainingOptions.defaults();
        if (node == null || node.isNull()) {
            node = MessageCodec.mapper().createObjectNode();
        }
        if (!node.isObject()) {
            problems.add("hyperparameters: an object");
            return d;
        }
        unknown(node, HYPERPARAMETERS, "hyperparameters.", problems);
        int steps = integer(node, "steps", 0, problems);
        int epochs = integer(node, "epochs", steps > 0 ? 0 : (dpo ? 2 : 3), problems);
        try {
            return new TrainingOptions(epochs, steps, integer(node, "batch_size", dpo ? 8 : d.batchSize(), problems),
                    number(node, "learning_rate", dpo ? 1e-4 : d.learningRate(), problems),
                    integer(node, "warmup_steps", dpo ? 5 : d.warmupSteps(), problems),
                    number(node, "min_learning_rate_ratio", d.minLearningRateRatio(), problems),
                    number(node, "weight_decay", dpo ? 0.0 : d.weightDecay(), problems),
                    number(node, "adam_beta1", d.beta1(), problems), number(node, "adam_beta2", d.beta2(), problems),
                    number(node, "clip_norm", d.clipNorm(), problems),
                    (long) number(node, "seed", d.seed(), problems), number(node, "beta", d.beta(), problems),
                    number(node, "label_smoothing", 0.0, problems), number(node, "sft_alpha", 0.0, problems),
                    bool(node, "mask_shared_prefix", true, problems));
        } catch (IllegalArgumentException e) {
            problems.add("hyperparameters: " + e.getMessage().replace("invalid training options: ", ""));
            return d;
        }
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!known.contains(field)) {
                problems.add(prefix + field + ": unknown field (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(field + ": a non-empty string, got " + value);
            return null;
        }
        return value.asText().strip();
    }

    private static int integer(JsonNode node, String field, int fallback, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            problems.add("hyperparameters." + field + ": an integer, got " + value);
            return fallback;
        }
        return value.intValue();
    }

    private static double number(JsonNode node, String field, double fallback, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            problems.add("hyperparameters." + field + ": a number, got " + value);
            return fallback;
        }
        return value.doubleValue();
    }

    private static boolean bool(JsonNode node, String field, boolean fallback, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add("hyperparameters." + field + ": true or false, got " + value);
            return fallback;
        }
        return value.booleanValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
