package io.clinicalpipeline.jobs.evaluate;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.spark.SparkSessions;
import io.clinicalpipeline.jobs.train.Baseline;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Evaluates the model and the baseline on the test split: reads {@code PREDICTIONS/model/*.out}, the
 * baseline's scores ({@code PREDICTIONS/baseline/*.out}, or fitted here on the examples with
 * {@code --baseline examples}) and the examples side table, refuses an incomplete join (exit 1, counts
 * only), computes the metrics and writes evaluation.json, evaluation.html and _manifest.json.
 */
public final class EvaluateJob {

  static final String NAME = "evaluate";
  static final String VERSION = "1";
  static final List<String> MODELS = List.of("model", "baseline");
  /** The model's scores before calibration, evaluated when its predictions have a raw_score column. */
  static final String MODEL_RAW = "model_raw";

  private EvaluateJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(NAME, () -> evaluate(EvaluateOptions.parse(args), System.out));
  }

  static int evaluate(EvaluateOptions options, PrintStream out) {
    String started = Instant.now().toString();
    SparkSession spark = SparkSessions.forJob(NAME, Map.of());
    Storage storage = Storage.of(spark);
    spark.sparkContext().setJobGroup(NAME, "evaluate: read and join", false);
    Dataset<Row> examples = readExamples(spark, storage, options.examples());
    Dataset<Row> test = EvaluateTransform.testSplit(examples);
    Dataset<Row> model = readPredictions(spark, storage, options.predictions(), "model");
    Dataset<Row> baseline =
        options.baseline().equals(EvaluateOptions.BASELINE_EXAMPLES)
            ? Baseline.scoreTestSplit(examples).cache()
            : readPredictions(spark, storage, options.predictions(), "baseline");
    List<EvaluateTransform.JoinCounts> counts =
        List.of(
            EvaluateTransform.joinCounts("model", model, test),
            EvaluateTransform.joinCounts("baseline", baseline, test));
    List<String> problems = new ArrayList<>();
    counts.stream().filter(c -> !c.complete()).forEach(c -> problems.add(c.describe()));
    if (!problems.isEmpty()) {
      throw new JobException(
          "predictions and labels do not join completely ("
              + String.join("; ", problems)
              + "). Every test example needs exactly one prediction from each model, and every prediction"
              + " a test example.");
    }
    if (counts.get(0).testExamples() == 0) {
      throw new JobException("the examples table has no rows in the test split");
    }
    boolean withRaw = EvaluateTransform.hasRawScores(model);
    Dataset<Row> joined =
        EvaluateTransform.joined(test, model, baseline, withRaw).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Evaluation evaluation = evaluate(spark, joined, options.settings());
      String json = EvaluationJson.render(evaluation);
      storage.writeText(Storage.resolve(options.output(), "evaluation.json"), json);
      storage.writeText(
          Storage.resolve(options.output(), "evaluation.html"),
          EvaluationHtml.render(EvaluationJson.MAPPER.readTree(json)));
      Manifest manifest = new Manifest(NAME, VERSION);
      manifest.configDigest = Manifest.sha256(String.join(" ", options.toArgs()));
      for (EvaluateTransform.JoinCounts c : counts) {
        manifest.table("predictions_" + c.model(), c.predictions(), c.predictions(), 0);
      }
      manifest.table("test_examples", counts.get(0).testExamples(), counts.get(0).testExamples(), 0);
      manifest.attributes.put("replicates", Integer.toString(options.replicates()));
      manifest.attributes.put("seed", Long.toString(options.seed()));
      manifest.startedAt = started;
      manifest.finishedAt = Instant.now().toString();
      storage.writeText(Storage.resolve(options.output(), Manifest.FILE_NAME), manifest.toJson());
      out.println(summary(evaluation));
      return 0;
    } catch (IOException e) {
      throw new JobException("cannot re-read the evaluation JSON just written", e);
    } finally {
      joined.unpersist();
    }
  }

  /** Both models' metrics from the joined table (see {@link EvaluateTransform#joined}). */
  static Evaluation evaluate(SparkSession spark, Dataset<Row> joined, MetricSettings settings) {
    return evaluate(spark, joined, settings, new PassTimer());
  }

  static Evaluation evaluate(SparkSession spark, Dataset<Row> joined, MetricSettings settings, PassTimer timer) {
    spark.sparkContext().setJobGroup(NAME + "-plan", "evaluate: subgroup levels and score ranges", false);
    List<String> names = new ArrayList<>(MODELS);
    if (List.of(joined.columns()).contains("score_" + MODEL_RAW)) {
      names.add(MODEL_RAW);
    }
    List<String> scores = names.stream().map(m -> "score_" + m).toList();
    ScoreBlocks.Plan plan = ScoreBlocks.plan(joined, scores, EvaluateTransform.ATTRIBUTES, settings.partitions());
    SubgroupIndex index = plan.index();
    timer.lap("subgroup levels and score ranges");
    JavaRDD<ScoreBlock> blocks =
        ScoreBlocks.of(EvaluateTransform.scored(joined, scores, index), index.attributes().size(), plan.boundaries())
            .persist(StorageLevel.MEMORY_AND_DISK());
    List<ModelMetrics> metrics = new ArrayList<>();
    try {
      for (int m = 0; m < names.size(); m++) {
        spark.sparkContext().setJobGroup(NAME + "-" + names.get(m), "evaluate: metrics of the " + names.get(m), false);
        metrics.add(BinaryMetrics.evaluate(ScoreBlocks.model(blocks, m, names.size()), index, settings, timer));
      }
    } finally {
      blocks.unpersist(false);
    }
    spark.sparkContext().clearJobGroup();
    return new Evaluation(metrics.get(0), metrics.get(1), metrics.size() > 2 ? metrics.get(2) : null, settings);
  }

  /** One line per model: AUROC with its interval; calibration of the model, raw and calibrated; the difference. */
  static String summary(Evaluation e) {
    StringBuilder sb = new StringBuilder();
    for (String m : MODELS) {
      ModelMetrics x = m.equals("model") ? e.model() : e.baseline();
      Interval ci = Interval.percentile95(x.bootstrap().auroc());
      sb.append(
          String.format(
              Locale.ROOT,
              "evaluate: %-8s AUROC %.4f (95%% CI %.4f-%.4f), AUPRC %.4f, Brier %.4f, n=%d%n",
              m,
              x.overall().auroc(),
              ci.lower(),
              ci.upper(),
              x.overall().averagePrecision(),
              x.overall().brier(),
              x.overall().n()));
    }
    for (ModelMetrics x : e.raw() == null ? List.of(e.model()) : List.of(e.raw(), e.model())) {
      sb.append(
          String.format(
              Locale.ROOT,
              "evaluate: model %s: calibration slope %.3f, intercept %.3f, ICI %.4f, log loss %.4f%n",
              x == e.raw() ? "raw       " : "calibrated",
              x.overall().calibrationSlope(),
              x.overall().calibrationIntercept(),
              x.overall().ici(),
              x.overall().logLoss()));
    }
    Interval d = Interval.percentile95(e.deltaAurocReplicates());
    sb.append(
        String.format(
            Locale.ROOT, "evaluate: AUROC model - baseline %.4f (95%% CI %.4f-%.4f)", e.deltaAuroc(), d.lower(), d.upper()));
    return sb.toString();
  }

  static Dataset<Row> readExamples(SparkSession spark, Storage storage, String location) {
    if (!storage.exists(location)) {
      throw new JobException("--examples does not exist: " + location);
    }
    Dataset<Row> examples = spark.read().parquet(Storage.normalize(location));
    List<String> missing =
        EvaluateTransform.EXAMPLE_COLUMNS.stream()
            .filter(c -> !List.of(examples.columns()).contains(c))
            .toList();
    if (!missing.isEmpty()) {
      throw new JobException("the examples table lacks the columns " + missing);
    }
    return examples;
  }

  /**
   * {@code PREDICTIONS/<model>/*.out}: lines {@code row_id,score}, no header; the model's may have a third
   * column, {@code raw_score} (null where absent).
   */
  static Dataset<Row> readPredictions(SparkSession spark, Storage storage, String predictions, String model) {
    String glob = Storage.resolve(predictions, model) + "/*.out";
    try {
      Path p = new Path(glob);
      FileStatus[] files = storage.fs(p).globStatus(p);
      if (files == null || files.length == 0) {
        throw new JobException("no prediction files (*.out) in " + Storage.resolve(predictions, model));
      }
    } catch (IOException e) {
      throw new JobException("cannot list " + Storage.resolve(predictions, model) + ": " + e.getClass().getSimpleName());
    }
    return spark
        .read()
        .schema("row_id STRING, score DOUBLE, raw_score DOUBLE")
        .option("header", "false")
        .option("mode", "PERMISSIVE")
        .csv(glob);
  }
}
