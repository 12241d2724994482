package io.clinicalpipeline.jobs.features;


import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.UsageException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.spark.SparkSessions;
import io.clinicalpipeline.jobs.meds.MedsInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds training features for one prediction task from the de-identified tables:
 * {@code FeaturesJob --input OUT/deid --output OUT/features [--task FILE|NAME] [--input-format deid|meds]}. See the features section of
 * the jobs README for the task spec, the features and the output layout.
 */
public final class FeaturesJob {

  public static final String NAME = "features";

  private FeaturesJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(
        NAME,
        () -> {
          FeaturesOptions options = FeaturesOptions.parse(args);
          TaskSpec spec = loadTask(options.task());
          SparkSession spark = SparkSessions.forJob("clinical-pipeline features", Map.of());
          Summary s = run(spark, options, spec);
          System.out.println(s.describe());
          return 0;
        });
  }

  /** What a run produced, in counts only. */
  public record Summary(String task, Map<String, long[]> splits, Map<String, Long> excluded, int features) {

    long examples() {
      return splits.values().stream().mapToLong(v -> v[0]).sum();
    }

    long positives() {
      return splits.values().stream().mapToLong(v -> v[1]).sum();
    }

    String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("features: task %s: %d examples, %d positive (prevalence %.4f), %d features%n",
          task, examples(), positives(), prevalence(positives(), examples()), features));
      splits.forEach((k, v) -> sb.append(String.format("  %-10s %8d examples %7d positive (prevalence %.4f)%n",
          k, v[0], v[1], prevalence(v[1], v[0]))));
      excluded.forEach((k, v) -> sb.append(String.format("  excluded %-22s %8d%n", k, v)));
      return sb.toString().stripTrailing();
    }
  }

  static double prevalence(long positives, long examples) {
    return examples == 0 ? 0.0 : (double) positives / examples;
  }

  /** Examples, positives and prevalence of one split, in that order (the manifest's bytes must not vary). */
  static Map<String, Object> splitCounts(long examples, long positives) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("examples", examples);
    m.put("positives", positives);
    m.put("prevalence", prevalence(positives, examples));
    return m;
  }

  /** A task file path, or the name of a shipped task. */
  public static TaskSpec loadTask(String task) {
    try {
      Path p = Path.of(task);
      if (Files.isRegularFile(p)) {
        return TaskSpec.parse(Files.readString(p));
      }
      if (TaskSpec.SHIPPED.contains(task)) {
        return TaskSpec.shipped(task);
      }
    } catch (InvalidTaskSpecException e) {
      throw new UsageException("--task: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new UsageException("--task: cannot read the file (" + e.getClass().getSimpleName() + ")");
    }
    throw new UsageException("--task must be a YAML file or one of " + TaskSpec.SHIPPED + ": " + task);
  }

  /** The job body, for a session the caller owns. */
  public static Summary run(SparkSession spark, FeaturesOptions options, TaskSpec spec) {
    String started = Instant.now().toString();
    Storage storage = Storage.of(spark);
    io.clinicalpipeline.common.spark.SparkSessions.sizeShufflePartitions(spark, storage.size(options.input()));
    FeatureSink sink = new FeatureSink(storage, options.output());
    FeatureInputs in = FeaturesOptions.MEDS.equals(options.inputFormat())
        ? MedsInputs.read(spark, options.input())
        : FeatureInputs.read(spark, options.input());

    FeaturePipeline.Computed c = FeaturePipeline.compute(spec, in);
    Dataset<Row> candidates = c.candidates();
    Dataset<Row> examples = c.examples();
    FeatureMatrix.Result matrix = c.matrix();

    // Statistics first: their parallel pass fills the cached matrix, which each channel then reads as one
    // sorted partition (computed inside a single-partition write, the matrix would be built by one task).
    spark.sparkContext().setJobGroup("features-statistics", "training-split statistics per feature", false);
    Map<String, Map<String, Object>> trainStatistics = FeatureMatrix.trainStatistics(matrix);

    spark.sparkContext().setJobGroup("features-write", "channels, examples, manifests", false);
    sink.writeChannels(matrix);
    sink.writeExamples(examples);

    Map<String, long[]> splits = new LinkedHashMap<>();
    Splits.ALL.forEach(s -> splits.put(s, new long[2]));
    for (Row r : examples.groupBy("split").agg(org.apache.spark.sql.functions.count("row_id"),
        org.apache.spark.sql.functions.sum("label")).collectAsList()) {
      splits.put(r.getString(0), new long[] {r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)});
    }
    Map<String, Long> excluded = new TreeMap<>();
    long candidateCount = 0;
    for (Row r : candidates.groupBy("exclusion").count().collectAsList()) {
      candidateCount += r.getLong(1);
      if (!r.isNullAt(0)) {
        excluded.put(r.getString(0), r.getLong(1));
      }
    }
    Summary summary = new Summary(spec.name(), splits, excluded, matrix.features().size());

    Map<String, Object> splitReport = new LinkedHashMap<>();
    splits.forEach((k, v) -> splitReport.put(k, splitCounts(v[0], v[1])));
    splitReport.put("all", splitCounts(summary.examples(), summary.positives()));
    sink.writeJson(FeatureSink.FEATURE_MANIFEST,
        FeatureSink.featureManifest(spec, matrix.features(), trainStatistics, splitReport));
    storage.writeText(sink.location(FeatureSink.TASK_SPEC), spec.source());

    Manifest manifest = new Manifest(NAME, version());
    manifest.configDigest = spec.digest();
    String inputManifest = Storage.resolve(options.input(), Manifest.FILE_NAME);
    if (storage.exists(inputManifest)) {
      manifest.inputs.put("deid", Manifest.sha256(storage.readText(inputManifest)));
    }
    manifest.table("examples", candidateCount, summary.examples(), candidateCount - summary.examples());
    splits.forEach((k, v) -> manifest.table(k, v[0], v[0], 0));
    manifest.attributes.put("task", spec.name());
    manifest.attributes.put("features", Integer.toString(summary.features()));
    manifest.attributes.put("positives", Long.toString(summary.positives()));
    manifest.attributes.put("prevalence", String.format(java.util.Locale.ROOT, "%.6f",
        prevalence(summary.positives(), summary.examples())));
    excluded.forEach((k, v) -> manifest.attributes.put("excluded." + k, Long.toString(v)));
    manifest.startedAt = started;
    manifest.finishedAt = Instant.now().toString();
    storage.writeText(sink.location(Manifest.FILE_NAME), manifest.toJson());

    c.release();
    spark.sparkContext().clearJobGroup();
    return summary;
  }

  public static String version() {
    String v = FeaturesJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
