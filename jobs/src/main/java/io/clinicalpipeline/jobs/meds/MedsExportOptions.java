package io.clinicalpipeline.jobs.meds;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.jobs.features.TaskSpec;
import java.util.Set;

/**
 * Options of {@link MedsExportJob}.
 *
 * @param input the de-identified tables ({@code OUT/deid})
 * @param output the MEDS data set ({@code OUT/meds})
 * @param task the task whose labels and patient-level splits go with the data (file or shipped name)
 * @param features a feature job output of that task whose splits to take (null: computed as the feature job does)
 * @param shards how many {@code data/} shards (subjects are hashed to one each)
 * @param datasetName {@code dataset_name} in {@code metadata/dataset.json}
 */
public record MedsExportOptions(
    String input, String output, String task, String features, int shards, String datasetName) {

  public static final String USAGE =
      """
      meds-export --input OUT/deid --output OUT/meds [--task FILE|NAME] [--features OUT/features]
                  [--shards N] [--dataset-name NAME]
        --input         de-identified tables (the output of deidentify)
        --output        data/part-NNNNN.parquet, metadata/codes.parquet, metadata/subject_splits.parquet,
                        metadata/dataset.json, labels/<task>/part-00000.parquet
        --task          task spec YAML file or shipped task name (%s); default %s
        --features      a features output of the same task: its examples' splits become subject_splits
        --shards        number of data shards, default 4
        --dataset-name  dataset_name in dataset.json, default clinical-pipeline
      """
          .formatted(String.join(", ", TaskSpec.SHIPPED), TaskSpec.DEFAULT);

  public static MedsExportOptions parse(String[] args) {
    Args a = Args.parse(args, Set.of("input", "output", "task", "features", "shards", "dataset-name"), Set.of());
    int shards;
    try {
      shards = Integer.parseInt(a.get("shards", "4"));
    } catch (NumberFormatException e) {
      throw new UsageException("--shards must be a whole number");
    }
    return new MedsExportOptions(a.require("input"), a.require("output"), a.get("task", TaskSpec.DEFAULT),
        a.get("features"), shards, a.get("dataset-name", "clinical-pipeline")).validate();
  }

  public MedsExportOptions validate() {
    if (shards < 1 || shards > 10_000) {
      throw new UsageException("--shards must be between 1 and 10000");
    }
    if (input.strip().equals(output.strip())) {
      throw new UsageException("--output must differ from --input");
    }
    if (datasetName.isBlank()) {
      throw new UsageException("--dataset-name must not be empty");
    }
    return this;
  }
}
