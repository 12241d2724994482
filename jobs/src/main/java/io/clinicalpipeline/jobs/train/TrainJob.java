package io.clinicalpipeline.jobs.train;

import static org.apache.spark.sql.functions.col;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.spark.SparkSessions;
import io.clinicalpipeline.jobs.calibration.Calibrator;
import io.clinicalpipeline.jobs.calibration.CalibratorChoice;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Trains the model locally the way SageMaker's built-in XGBoost would, and a logistic-regression baseline
 * beside it, then scores the test transform input with both (see {@link TrainingContract}).
 *
 * <p>{@code --output OUT/train} gets two training roots, {@code model/} (XGBoost) and {@code baseline/},
 * each laid out as the container's {@code /opt/ml}; predictions go to
 * {@code OUT/predictions/{model,baseline}/test.csv.out}. A run killed during boosting resumes from the
 * newest checkpoint in {@code OUT/train/model/checkpoints/} when started again with the same options.
 */
public final class TrainJob {

  public static final String NAME = "train";
  public static final String VERSION = "1";

  private TrainJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(
        NAME,
        () -> {
          if (List.of(args).contains("--help")) {
            System.out.println(TrainOptions.USAGE);
            return 0;
          }
          return train(TrainOptions.parse(args));
        });
  }

  private static int train(TrainOptions o) throws Exception {
    String started = Instant.now().toString();
    TrainingRoot modelRoot = new TrainingRoot(o.outputDir().resolve(TrainingContract.MODEL));
    TrainingRoot baselineRoot = new TrainingRoot(o.outputDir().resolve(TrainingContract.BASELINE));
    SparkSession spark = SparkSessions.forJob("clinical-pipeline-train", Map.of());
    Storage storage = Storage.of(spark);
    String channels = Storage.normalize(o.channels());
    String predictions = o.predictionsLocation();
    Manifest manifest = new Manifest(NAME, VERSION);

    Hyperparameters hp =
        failingInto(modelRoot, () -> {
          String text =
              o.hyperparameters() == null
                  ? TrainingContract.defaultHyperparameters()
                  : storage.readText(o.hyperparameters());
          return Hyperparameters.parse(text);
        });
    Baseline.Params baselineParams = Baseline.Params.parse(TrainingContract.defaultBaselineHyperparameters());

    ModelRun model =
        failingInto(modelRoot, () -> trainModel(spark, storage, o, hp, channels, modelRoot, predictions));
    BaselineRun baseline =
        failingInto(
            baselineRoot,
            () -> trainBaseline(spark, storage, baselineParams, channels, model.order(), baselineRoot, predictions));

    manifest.table(TrainingContract.TRAIN, model.trainRows(), model.trainRows(), 0);
    manifest.table(TrainingContract.VALIDATION, model.validationRows(), model.validationRows(), 0);
    manifest.table("test/" + TrainingContract.MODEL, model.testRows(), model.testRows(), 0);
    manifest.table("test/" + TrainingContract.BASELINE, model.testRows(), model.testRows(), 0);
    manifest.table("baseline-train", baseline.trainRows(), baseline.trainRows(), 0);
    manifest.configDigest =
        Manifest.sha256(hp.toJson() + TrainingContract.defaultBaselineHyperparameters() + o.nthread());
    String featuresManifest = Storage.resolve(channels, Manifest.FILE_NAME);
    if (storage.exists(featuresManifest)) {
      manifest.inputs.put("features", Manifest.sha256(storage.readText(featuresManifest)));
    }
    manifest.attributes.put("rounds", String.valueOf(model.result().rounds()));
    manifest.attributes.put("best-iteration", String.valueOf(model.result().bestIteration()));
    manifest.attributes.put("resumed-at-iteration", String.valueOf(model.result().firstIteration()));
    CalibratorChoice cal = model.calibration();
    manifest.attributes.put("calibrator", cal == null ? "none" : cal.chosen().kind());
    manifest.startedAt = started;
    manifest.finishedAt = Instant.now().toString();
    storage.writeText(Storage.resolve(Storage.normalize(o.output()), Manifest.FILE_NAME), manifest.toJson());
    storage.writeText(Storage.resolve(predictions, Manifest.FILE_NAME), manifest.toJson());

    XGBoostTrainer.Result r = model.result();
    System.out.printf(
        "train: model %d rounds (best iteration %d, validation %s %s%s), %s, baseline on %d examples; "
            + "predictions for %d test rows in %s%n",
        r.rounds(),
        r.bestIteration(),
        hp.stoppingMetric(),
        Double.isNaN(r.bestScore()) ? "n/a" : String.format("%.4f", r.bestScore()),
        r.stoppedEarly() ? ", stopped early" : "",
        cal == null
            ? "not calibrated (no validation channel)"
            : String.format(
                Locale.ROOT,
                "%s calibrator (validation log loss raw %.4f, platt %.4f, isotonic %.4f)",
                cal.chosen().kind(),
                cal.rawLogLoss(),
                cal.plattLogLoss(),
                cal.isotonicLogLoss()),
        baseline.trainRows(),
        model.testRows(),
        predictions);
    return 0;
  }

  private record ModelRun(
      XGBoostTrainer.Result result,
      CalibratorChoice calibration,
      Dataset<Row> order, long trainRows, long validationRows, long testRows) {}

  private record BaselineRun(long trainRows) {}

  private static ModelRun trainModel(
      SparkSession spark,
      Storage storage,
      TrainOptions o,
      Hyperparameters hp,
      String channels,
      TrainingRoot root,
      String predictions)
      throws Exception {
    spark.sparkContext().setJobGroup("train-model", "XGBoost: read channels, boost, score test", false);
    root.prepare();
    Map<String, String> types = new LinkedHashMap<>();
    for (String channel : TrainingContract.CHANNELS) {
      String source = Storage.resolve(channels, channel);
      if (storage.exists(source)) {
        copyData(storage, source, root.channel(channel).toString());
        types.put(channel, TrainingContract.CSV);
      } else if (channel.equals(TrainingContract.TRAIN)) {
        throw new JobException("channel train is missing: no folder train/ under --channels");
      }
    }
    root.writeConfig(hp.toJson(), types);

    Dataset<Row> train = readChannel(spark, root.channel(TrainingContract.TRAIN).toString());
    ChannelChecks trainChecks = ChannelChecks.of(TrainingContract.TRAIN, train);
    trainChecks.requireLabelled();
    int width = trainChecks.width();
    Dataset<Row> validation = null;
    ChannelChecks validationChecks = null;
    if (types.containsKey(TrainingContract.VALIDATION)) {
      validation = readChannel(spark, root.channel(TrainingContract.VALIDATION).toString());
      validationChecks = ChannelChecks.of(TrainingContract.VALIDATION, validation);
      validationChecks.requireLabelled();
      validationChecks.requireWidth(width);
    }

    String fingerprint =
        Manifest.sha256(
            hp.toJson() + "|" + o.nthread() + "|" + trainChecks.fingerprint() + "|"
                + (validationChecks == null ? "" : validationChecks.fingerprint()));
    XGBoostTrainer.Result result;
    DMatrix dtrain = DenseRows.collect(train, (int) trainChecks.rows(), width).dmatrix();
    DenseRows validRows =
        validation == null ? null : DenseRows.collect(validation, (int) validationChecks.rows(), width);
    DMatrix dvalid = validRows == null ? null : validRows.dmatrix();
    try {
      result =
          new XGBoostTrainer(hp, o.nthread(), root.checkpoints(), o.checkpointInterval())
              .train(dtrain, dvalid, fingerprint);
    } finally {
      dtrain.dispose();
      if (dvalid != null) {
        dvalid.dispose();
      }
    }
    root.writeBytes(TrainingContract.MODEL_DIR + "/" + TrainingContract.MODEL_FILE, result.model());
    root.writeJson(TrainingContract.OUTPUT_DATA + "/training-summary.json", summary(hp, result, trainChecks, validationChecks));
    int treeLimit = result.bestIteration() + 1;
    CalibratorChoice calibration =
        validRows == null ? null : ModelCalibration.fit(result.model(), treeLimit, validRows);
    if (calibration != null) {
      root.writeJson(TrainingContract.MODEL_DIR + "/" + Calibrator.FILE, calibration.describe());
    }

    // The batch transform of the test channel: InputFilter $[1:], JoinSource Input, OutputFilter $[0,-1].
    Dataset<Row> test =
        TrainTransform.identified(
                TrainTransform.splitCsv(
                    TrainTransform.withPlace(
                        spark.read().text(Storage.resolve(channels, TrainingContract.TRANSFORM_TEST)))))
            .cache();
    ChannelChecks testChecks = ChannelChecks.of(TrainingContract.TRANSFORM_TEST, test);
    testChecks.requireIdentified();
    testChecks.requireWidth(width);
    Dataset<Row> scored =
        test.select(TrainTransform.FILE, TrainTransform.POS, TrainTransform.ROW_ID, TrainTransform.FEATURES)
            .mapPartitions(
                new XGBoostScorer(
                    result.model(), width, treeLimit, calibration == null ? null : calibration.chosen()),
                Encoders.row(XGBoostScorer.SCHEMA));
    writePredictions(storage, TrainTransform.predictionLines(scored), Storage.resolve(predictions, TrainingContract.MODEL));
    Dataset<Row> order = test.select(TrainTransform.FILE, TrainTransform.POS, TrainTransform.ROW_ID);
    return new ModelRun(
        result, calibration, order, trainChecks.rows(), validationChecks == null ? 0 : validationChecks.rows(), testChecks.rows());
  }

  private static BaselineRun trainBaseline(
      SparkSession spark,
      Storage storage,
      Baseline.Params params,
      String channels,
      Dataset<Row> order,
      TrainingRoot root,
      String predictions)
      throws IOException {
    spark.sparkContext().setJobGroup("train-baseline", "logistic regression on age and sex", false);
    root.prepare();
    String examplesPath = Storage.resolve(channels, TrainingContract.EXAMPLES);
    if (!storage.exists(examplesPath)) {
      throw new JobException("the examples table is missing: no folder examples/ under --channels");
    }
    Dataset<Row> frame = TrainTransform.baselineFrame(spark.read().parquet(examplesPath));
    String trainData = root.channel(TrainingContract.TRAIN).toString();
    frame
        .filter(col("split").equalTo(TrainingContract.TRAIN))
        .drop("split")
        .orderBy(TrainTransform.ROW_ID)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(trainData);
    root.writeConfig(
        TrainingContract.defaultBaselineHyperparameters(), Map.of(TrainingContract.TRAIN, TrainingContract.PARQUET));

    Dataset<Row> train = spark.read().parquet(trainData).orderBy(TrainTransform.ROW_ID).cache();
    long rows = Baseline.requireFittable(train);
    PipelineModel model = Baseline.fit(train, params);
    root.writeJson(TrainingContract.MODEL_DIR + "/" + TrainingContract.BASELINE_MODEL_FILE, Baseline.describe(model));

    Dataset<Row> ordered = TrainTransform.inInputOrder(order, Baseline.score(model, frame)).cache();
    long unscored = ordered.filter(col(TrainTransform.SCORE).isNull()).count();
    if (unscored > 0) {
      throw new JobException(unscored + " rows of the test transform input have no row in the examples table");
    }
    writePredictions(storage, TrainTransform.predictionLines(ordered), Storage.resolve(predictions, TrainingContract.BASELINE));
    train.unpersist();
    return new BaselineRun(rows);
  }

  /** Reads a CSV training channel (label first), each line tagged with its place; checks pending. */
  private static Dataset<Row> readChannel(SparkSession spark, String dir) {
    return TrainTransform.labeled(TrainTransform.splitCsv(TrainTransform.withPlace(spark.read().text(dir))))
        .cache();
  }

  private static Map<String, Object> summary(
      Hyperparameters hp, XGBoostTrainer.Result r, ChannelChecks train, ChannelChecks validation) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("num_round", hp.numRound());
    s.put("early_stopping_rounds", hp.earlyStoppingRounds());
    s.put("stopping_metric", hp.stoppingMetric());
    s.put("rounds", r.rounds());
    s.put("first_iteration", r.firstIteration());
    s.put("resumed", r.firstIteration() > 0);
    s.put("best_iteration", r.bestIteration());
    s.put("best_score", Double.isNaN(r.bestScore()) ? null : r.bestScore());
    s.put("stopped_early", r.stoppedEarly());
    s.put("train_rows", train.rows());
    s.put("validation_rows", validation == null ? 0 : validation.rows());
    s.put("features", train.width());
    s.put("validation_scores_this_run", r.validationScores());
    return s;
  }

  /** Copies the data files of a channel folder (not Spark's _SUCCESS or checksums) into the root. */
  private static void copyData(Storage storage, String from, String to) throws IOException {
    Path src = new Path(from);
    FileSystem srcFs = storage.fs(src);
    Path dst = new Path(Storage.normalize(to));
    FileSystem dstFs = storage.fs(dst);
    dstFs.mkdirs(dst);
    for (FileStatus f : srcFs.listStatus(src)) {
      String name = f.getPath().getName();
      if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        FileUtil.copy(srcFs, f.getPath(), dstFs, new Path(dst, name), false, storage.hadoopConf());
      }
    }
  }

  /** Writes one partition of lines as {@code dir/test.csv.out}. */
  private static void writePredictions(Storage storage, Dataset<Row> lines, String dir) throws IOException {
    String temp = Storage.resolve(dir, "_writing");
    lines.write().mode(SaveMode.Overwrite).text(temp);
    Path tempPath = new Path(temp);
    FileSystem fs = storage.fs(tempPath);
    Path part = null;
    for (FileStatus f : fs.listStatus(tempPath)) {
      if (f.getPath().getName().startsWith("part-")) {
        part = f.getPath();
      }
    }
    String target = Storage.resolve(dir, TrainingContract.PREDICTIONS_FILE);
    if (part == null) {
      storage.writeText(target, "");
    } else {
      storage.replace(part.toString(), target);
    }
    storage.delete(temp);
  }

  /** Runs {@code body}; on failure writes {@code output/failure} under {@code root}, then rethrows. */
  private static <T> T failingInto(TrainingRoot root, Step<T> body) throws Exception {
    try {
      return body.run();
    } catch (JobException e) {
      root.writeFailure(NAME + " failed: " + e.getMessage());
      throw e;
    } catch (Exception | Error e) {
      root.writeFailure(NAME + " failed with " + e.getClass().getName() + " (details withheld: they may quote data)");
      throw e;
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }
}
