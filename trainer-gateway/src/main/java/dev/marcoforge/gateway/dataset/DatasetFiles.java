package dev.marcoforge.gateway.dataset;

import dev.marcoforge.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where each job's data set files live. Job ids become file names, so only safe ones are accepted. */
@ApplicationScoped
public class DatasetFiles {

    private static final Pattern SAFE_JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private static final Pattern SAFE_DATASET_ID = Pattern.compile("ds-[0-9a-f]{20}");

    private final Path root;

    public DatasetFiles(GatewayConfig config) {
        this.root = config.outputDir().toAbsolutePath().normalize();
    }

    public Path sftFile(String jobId) {
        requireSafeJobId(jobId);
        return root.resolve("sft").resolve(jobId + ".jsonl");
    }

    /** The folder of a built data set's files. */
    public Path datasetDir(String datasetId) {
        if (!isSafeDatasetId(datasetId)) {
            throw new IllegalArgumentException("'" + datasetId + "' is not a data set id");
        }
        return root.resolve("datasets").resolve(datasetId);
    }

    public static boolean isSafeDatasetId(String datasetId) {
        return datasetId != null && SAFE_DATASET_ID.matcher(datasetId).matches();
    }

    /** @throws IllegalArgumentException naming the job id when it could escape the output directory */
    public static String requireSafeJobId(String jobId) {
        if (jobId == null || !SAFE_JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("jobId '" + jobId + "' cannot name a data set file: use 1-200 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit");
        }
        return jobId;
    }
}
