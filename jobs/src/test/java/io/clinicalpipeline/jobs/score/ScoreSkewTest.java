package io.clinicalpipeline.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.features.DeidFixture;
import io.clinicalpipeline.jobs.features.FeaturesJob;
import io.clinicalpipeline.jobs.features.FittedTransform;
import io.clinicalpipeline.jobs.train.TrainJob;
import io.clinicalpipeline.jobs.train.XGBoostScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train/serve skew: the features and train jobs run on a synthetic de-identified population; the test
 * split's patients alone are then scored by {@link ScoreJob} with the registered version, and every test
 * prediction of the train job must come back as the same float.
 */
class ScoreSkewTest {

  @TempDir static Path dir;
  static SparkSession spark;
  static Path features;
  static Path testPatients;

  @BeforeAll
  static void trainOnSyntheticPopulation() throws Exception {
    spark = SparkTestSession.get();
    Path deid = dir.resolve("deid");
    DeidFixture.synthetic(160, 11).write(spark, deid);
    features = dir.resolve("features");
    assertThat(FeaturesJob.run(new String[] {"--input", deid.toString(), "--output", features.toString()})).isZero();
    Path hp = Files.writeString(dir.resolve("hyperparameters.json"), "{\"objective\": \"binary:logistic\","
        + " \"eval_metric\": \"auc\", \"num_round\": \"25\", \"early_stopping_rounds\": \"5\", \"max_depth\": \"3\","
        + " \"eta\": \"0.3\", \"subsample\": \"0.8\", \"seed\": \"7\"}\n");
    assertThat(TrainJob.run(new String[] {"--channels", features.toString(), "--output", dir.resolve("train").toString(),
        "--hyperparameters", hp.toString()})).isZero();

    // Only the test split's patients, every table: scoring must not depend on anyone else's data.
    Dataset<Row> ids = spark.read().parquet(features.resolve("examples").toString())
        .where(col("split").equalTo("test")).select("patient_id").distinct();
    testPatients = dir.resolve("deid-test");
    for (String table : RawSchemas.TABLES) {
      spark.read().parquet(deid.resolve(table).toString()).join(ids, List.of("patient_id").get(0), "left_semi")
          .write().parquet(testPatients.resolve(table).toString());
    }
  }

  /** A registered version as the registry lays it out, from the jobs' outputs. */
  static Path version(String name, ApprovalStatus status) throws Exception {
    Path v = Files.createDirectories(dir.resolve("registry").resolve(name).resolve("3"));
    Files.createDirectories(v.resolve("model"));
    Files.copy(dir.resolve("train/model/model/xgboost-model"), v.resolve(ModelVersion.MODEL));
    // The calibrator the train step fitted on the validation split: scoring must apply it as training did.
    Files.copy(dir.resolve("train/model/model/calibrator.json"), v.resolve("model/calibrator.json"));
    Files.copy(features.resolve(ModelVersion.FEATURE_MANIFEST), v.resolve(ModelVersion.FEATURE_MANIFEST));
    Files.copy(features.resolve(ModelVersion.TASK_SPEC), v.resolve(ModelVersion.TASK_SPEC));
    Files.writeString(v.resolve(ModelVersion.VERSION_JSON), "{\"ModelPackageGroupName\": \"" + name
        + "\", \"ModelPackageVersion\": 3, \"ModelApprovalStatus\": \"" + status.label() + "\"}\n");
    return v;
  }

  private static int score(Path version, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--model", version.toString(), "--input", testPatients.toString(), "--output", out.toString()));
    args.addAll(List.of(extra));
    return ScoreJob.run(args.toArray(String[]::new));
  }

  @Test
  void testSplitPatients_scoredWithTheRegisteredVersion_reproduceTheTrainJobsTestPredictions() throws Exception {
    Path out = dir.resolve("scored");
    assertThat(score(version("approved", ApprovalStatus.APPROVED), out)).isZero();

    // The calibrated score, a double (the raw score, a float, is the third column of the train job's lines).
    Map<String, Double> trained = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("predictions/model/test.csv.out"))) {
      String[] parts = line.split(",");
      trained.put(parts[0], Double.parseDouble(parts[1]));
    }
    assertThat(trained).hasSizeGreaterThan(10);
    Map<String, Double> scored = new HashMap<>();
    List<Row> rows = spark.read().parquet(out.resolve(ScoreJob.PREDICTIONS).toString()).collectAsList();
    for (Row r : rows) {
      scored.put(r.getAs("row_id"), r.getAs("score"));
      assertThat((String) r.getAs("model_package_group")).isEqualTo("approved");
      assertThat((Integer) r.getAs("model_package_version")).isEqualTo(3);
      assertThat((Object) r.getAs("patient_id")).isNotNull();
      assertThat((Object) r.getAs("prediction_time")).isNotNull();
    }
    assertThat(scored.keySet()).containsAll(trained.keySet());
    trained.forEach((rowId, p) ->
        assertThat(Double.doubleToLongBits(scored.get(rowId))).as(rowId).isEqualTo(Double.doubleToLongBits(p)));
    assertThat(out.resolve("_manifest.json")).content().contains("\"model_package_version\" : \"3\"");
  }

  @Test
  void rejectedOrPendingVersion_isNotScored_unlessForced() throws Exception {
    Path rejected = version("rejected", ApprovalStatus.REJECTED);
    assertThat(score(rejected, dir.resolve("refused"))).isEqualTo(1);
    assertThat(dir.resolve("refused")).doesNotExist();
    assertThatThrownBy(() -> ScoreJob.approved(ModelVersion.read(rejected), false))
        .hasMessage("registered version rejected/3 is Rejected: only Approved versions are scored"
            + " (approve it, or pass --force)");
    assertThat(ScoreJob.approved(ModelVersion.read(rejected), true).status()).isEqualTo(ApprovalStatus.REJECTED);
    Path pending = version("pending", ApprovalStatus.PENDING_MANUAL_APPROVAL);
    assertThat(score(pending, dir.resolve("refused-pending"))).isEqualTo(1);
    assertThat(score(pending, dir.resolve("forced"), "--force")).isZero();
    assertThat(dir.resolve("forced").resolve(ScoreJob.PREDICTIONS)).isDirectory();
  }

  @Test
  void badFeatureManifestOrModel_failsNamingTheFileAndField() throws Exception {
    Path v = version("broken", ApprovalStatus.APPROVED);
    Path manifest = v.resolve(ModelVersion.FEATURE_MANIFEST);
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replaceFirst("\"type\" : \"int\"", "\"type\" : \"decimal\""));
    assertThatThrownBy(() -> FittedTransform.load(v.resolve(ModelVersion.TASK_SPEC), manifest))
        .isInstanceOf(InputException.class)
        .hasMessage(manifest + ": field features[0].type must be int or double");
    Files.writeString(manifest, text.replaceFirst("\"task_digest\" : \"[0-9a-f]+\"", "\"task_digest\" : \"0\""));
    assertThatThrownBy(() -> FittedTransform.load(v.resolve(ModelVersion.TASK_SPEC), manifest))
        .hasMessage(manifest + ": field task_digest does not match task_spec.yaml");
    Files.writeString(manifest, text);
    int width = FittedTransform.load(v.resolve(ModelVersion.TASK_SPEC), manifest).features().size();
    Path model = v.resolve(ModelVersion.MODEL);
    assertThatThrownBy(() -> XGBoostScorer.forModel(Files.readAllBytes(model), width + 1, model.toString(), null))
        .hasMessage(model + ": the model takes " + width + " features, the feature manifest lists " + (width + 1));
    Files.delete(v.resolve(ModelVersion.TASK_SPEC));
    assertThat(score(v, dir.resolve("no-spec"))).isEqualTo(2);
    assertThatThrownBy(() -> ModelVersion.read(v).require(ModelVersion.TASK_SPEC))
        .hasMessage(v.resolve(ModelVersion.TASK_SPEC) + ": missing from registered version broken/3");
  }
}
