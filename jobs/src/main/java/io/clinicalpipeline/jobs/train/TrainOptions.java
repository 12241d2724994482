package io.clinicalpipeline.jobs.train;

import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.options.Args;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options of {@link TrainJob}.
 *
 * @param channels the features job's output ({@code OUT/features})
 * @param output the local training roots go to {@code <output>/model} and {@code <output>/baseline}
 * @param hyperparameters a SageMaker XGBoost {@code hyperparameters.json}; null for the shipped one
 * @param predictions where {@code <model>/test.csv.out} go; null for {@code predictions} beside output
 * @param checkpointInterval save a checkpoint every this many rounds
 * @param nthread XGBoost threads, fixed so runs are reproducible (used unless the file sets nthread)
 */
public record TrainOptions(
    String channels,
    String output,
    String hyperparameters,
    String predictions,
    int checkpointInterval,
    int nthread) {

  public static final int DEFAULT_CHECKPOINT_INTERVAL = 10;
  public static final int DEFAULT_NTHREAD = 1;

  public static final String USAGE =
      """
      train --channels OUT/features --output OUT/train [--hyperparameters FILE] [--predictions DIR]
            [--checkpoint-interval N] [--nthread N]
        --channels             the features job's output: train/, validation/ (CSV, label first),
                               transform/test/ (row_id first), examples/ (Parquet side table)
        --output               local training roots OUT/train/model (XGBoost) and OUT/train/baseline
                               (logistic regression on age and sex), laid out as SageMaker's /opt/ml
        --hyperparameters      SageMaker XGBoost hyperparameters.json; default: the shipped one
        --predictions          where model/test.csv.out and baseline/test.csv.out go;
                               default: predictions/ beside --output
        --checkpoint-interval  rounds between checkpoints in <root>/checkpoints; default 10
        --nthread              XGBoost threads (fixed for reproducible models); default 1
      """;

  public static TrainOptions parse(String[] args) {
    Args a =
        Args.parse(
            args,
            Set.of("channels", "output", "hyperparameters", "predictions", "checkpoint-interval", "nthread"),
            Set.of());
    return new TrainOptions(
            a.require("channels"),
            a.require("output"),
            a.get("hyperparameters"),
            a.get("predictions"),
            a.intValue("checkpoint-interval", DEFAULT_CHECKPOINT_INTERVAL),
            a.intValue("nthread", DEFAULT_NTHREAD))
        .validate();
  }

  public TrainOptions validate() {
    if (channels == null || channels.isBlank()) {
      throw new UsageException("--channels is required");
    }
    if (output == null || output.isBlank()) {
      throw new UsageException("--output is required");
    }
    if (Storage.isS3(output)) {
      throw new UsageException(
          "--output must be a local folder (it is the training container's /opt/ml root): " + output);
    }
    if (checkpointInterval < 1) {
      throw new UsageException("--checkpoint-interval must be at least 1: " + checkpointInterval);
    }
    if (nthread < 1) {
      throw new UsageException("--nthread must be at least 1: " + nthread);
    }
    return this;
  }

  /** The local folder that holds the two training roots. */
  public Path outputDir() {
    return Path.of(URI.create(Storage.normalize(output)));
  }

  /** {@code --predictions}, or {@code predictions} beside {@code --output}. */
  public String predictionsLocation() {
    if (predictions != null && !predictions.isBlank()) {
      return Storage.normalize(predictions);
    }
    Path parent = outputDir().getParent();
    return Storage.normalize((parent == null ? outputDir() : parent).resolve("predictions").toString());
  }

  public String[] toArgs() {
    List<String> out = new ArrayList<>(List.of("--channels", channels, "--output", output));
    if (hyperparameters != null) {
      out.addAll(List.of("--hyperparameters", hyperparameters));
    }
    if (predictions != null) {
      out.addAll(List.of("--predictions", predictions));
    }
    out.addAll(List.of("--checkpoint-interval", String.valueOf(checkpointInterval)));
    out.addAll(List.of("--nthread", String.valueOf(nthread)));
    return out.toArray(String[]::new);
  }
}
