package io.clinicalpipeline.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.spark.SparkSessions;
import io.clinicalpipeline.jobs.deid.DeidentifyJob;
import io.clinicalpipeline.jobs.features.FeatureInputs;
import io.clinicalpipeline.jobs.features.FittedTransform;
import io.clinicalpipeline.jobs.ingest.IngestJob;
import io.clinicalpipeline.jobs.calibration.Calibrator;
import io.clinicalpipeline.jobs.train.TrainTransform;
import io.clinicalpipeline.jobs.train.XGBoostScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Batch scoring with a registered model version: {@code ScoreJob --model OUT/registry/<group>/<n>
 * (--input OUT/deid | --raw SRC) --output DIR}. The version's fitted feature transform
 * ({@link FittedTransform}) turns the de-identified tables into the model's input lines exactly as the
 * features job wrote its test channel, and the model scores them as the train job scored that channel
 * ({@link XGBoostScorer}), so the test split's patients get the train job's test predictions, to the bit.
 * With {@code --raw} the data is first ingested and de-identified by the ingest and deidentify jobs.
 */
public final class ScoreJob {

  public static final String NAME = "score";
  public static final String PREDICTIONS = "predictions";
  public static final List<String> COLUMNS = List.of(
      "patient_id", "prediction_time", "row_id", "score", "model_package_group", "model_package_version");

  private ScoreJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(NAME, () -> {
      ScoreOptions o = ScoreOptions.parse(args);
      ModelVersion version = approved(ModelVersion.read(Path.of(o.model())), o.force());
      String deid = o.input() != null ? o.input() : prepare(o);
      SparkSession spark = SparkSessions.forJob("clinical-pipeline score", Map.of());
      long rows = run(spark, version, deid, o.output());
      System.err.printf("score: %d predictions with model %s in %s%n", rows, version.id(), o.output());
      return 0;
    });
  }

  /** {@code v} when it may be scored: Approved, or any status with {@code force}. */
  static ModelVersion approved(ModelVersion v, boolean force) {
    if (v.status() != ApprovalStatus.APPROVED && !force) {
      throw new JobException("registered version " + v.id() + " is " + v.status().label()
          + ": only Approved versions are scored (approve it, or pass --force)");
    }
    return v;
  }

  /** Ingests and de-identifies {@code --raw} under {@code OUT/staging/}; returns the de-identified folder. */
  private static String prepare(ScoreOptions o) {
    String raw = Storage.resolve(o.output(), "staging", "raw");
    String deid = Storage.resolve(o.output(), "staging", "deid");
    if (IngestJob.run(new String[] {"--input", o.raw(), "--output", raw}) != 0) {
      throw new JobException("ingest of --raw failed (see above)");
    }
    List<String> args = new java.util.ArrayList<>(List.of("--input", raw, "--output", deid,
        "--date-policy", o.datePolicy().flagValue()));
    args.addAll(o.keys().toArgs());
    if (DeidentifyJob.run(args.toArray(String[]::new)) != 0) {
      throw new JobException("de-identification of --raw failed (see above)");
    }
    return deid;
  }

  /** The calibrator stored beside the model by the train step, or null for a model trained without one. */
  static Calibrator calibrator(Path modelDir) throws java.io.IOException {
    Path file = modelDir.resolve(Calibrator.FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Calibrator.read(new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()));
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new JobRunner.InputException(file + ": not a calibrator written by the train step");
    }
  }

  /** The job body for a session the caller owns; returns the number of predictions written. */
  public static long run(SparkSession spark, ModelVersion version, String deid, String output) throws Exception {
    String started = Instant.now().toString();
    Storage storage = Storage.of(spark);
    FittedTransform transform = FittedTransform.load(
        version.require(ModelVersion.TASK_SPEC), version.require(ModelVersion.FEATURE_MANIFEST));
    Path modelFile = version.require(ModelVersion.MODEL);
    int width = transform.features().size();
    XGBoostScorer scorer =
        XGBoostScorer.forModel(Files.readAllBytes(modelFile), width, modelFile.toString(), calibrator(modelFile.getParent()));

    spark.sparkContext().setJobGroup("score-features", "cohort and fitted feature transform", false);
    FeatureInputs in = FeatureInputs.read(spark, deid);
    Dataset<Row> examples = transform.examples(in).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> lines = transform.transformLines(in, examples).toDF("value");
    // The train job's reading of its transform channel: the same parse, the same floats.
    Dataset<Row> parsed = TrainTransform.identified(TrainTransform.splitCsv(TrainTransform.withPosition(lines)));

    spark.sparkContext().setJobGroup("score-model", "XGBoost on the executors", false);
    Dataset<Row> scored = parsed
        .select(TrainTransform.FILE, TrainTransform.POS, TrainTransform.ROW_ID, TrainTransform.FEATURES)
        .mapPartitions(scorer, Encoders.row(XGBoostScorer.SCHEMA));
    Dataset<Row> predictions = examples.select("row_id", "patient_id", "prediction_time")
        .join(scored.select(TrainTransform.ROW_ID, TrainTransform.SCORE), "row_id")
        .withColumn("model_package_group", lit(version.group()))
        .withColumn("model_package_version", lit(version.version()))
        .select(COLUMNS.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .coalesce(1)
        .sortWithinPartitions("row_id")
        .persist(StorageLevel.MEMORY_AND_DISK());
    predictions.write().mode(SaveMode.Overwrite).parquet(Storage.resolve(output, PREDICTIONS));
    long rows = predictions.count();

    Manifest manifest = new Manifest(NAME, version());
    String inputManifest = Storage.resolve(deid, Manifest.FILE_NAME);
    if (storage.exists(inputManifest)) {
      manifest.inputs.put("deid", Manifest.sha256(storage.readText(inputManifest)));
    }
    manifest.inputs.put("model", Manifest.sha256(Files.readString(version.require(ModelVersion.VERSION_JSON))));
    manifest.configDigest = transform.spec().digest();
    manifest.table(PREDICTIONS, rows, rows, 0);
    manifest.attributes.put("model_package_group", version.group());
    manifest.attributes.put("model_package_version", Integer.toString(version.version()));
    manifest.attributes.put("model_approval_status", version.status().label());
    manifest.startedAt = started;
    manifest.finishedAt = Instant.now().toString();
    storage.writeText(Storage.resolve(output, Manifest.FILE_NAME), manifest.toJson());
    predictions.unpersist();
    examples.unpersist();
    spark.sparkContext().clearJobGroup();
    return rows;
  }

  static String version() {
    String v = ScoreJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
