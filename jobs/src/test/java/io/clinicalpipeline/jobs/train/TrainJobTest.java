package io.clinicalpipeline.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.calibration.Calibrator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainJobTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private final SparkSession spark = SparkTestSession.get();

  private static Map<String, String> hyperparameters(int rounds, int earlyStopping) {
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("objective", "binary:logistic");
    hp.put("eval_metric", "auc");
    hp.put("num_round", String.valueOf(rounds));
    hp.put("early_stopping_rounds", String.valueOf(earlyStopping));
    hp.put("max_depth", "3");
    hp.put("eta", "0.1");
    hp.put("subsample", "0.8");
    hp.put("min_child_weight", "1");
    hp.put("seed", "7");
    return hp;
  }

  private static String[] args(Path features, Path out, Path hp) {
    return new String[] {
      "--channels", features.toString(), "--output", out.resolve("train").toString(), "--hyperparameters", hp.toString()
    };
  }

  @Test
  void train_fixture_writesTrainingRootsAndPredictionsInTransformOrder() throws Exception {
    TrainFixtures.Written data = TrainFixtures.write(spark, tmp.resolve("features"), 1000, 300, 400, 11, false);
    Path hp = TrainFixtures.hyperparameters(tmp, hyperparameters(60, 10));
    Path out = tmp.resolve("out");

    int code = TrainJob.run(args(data.dir(), out, hp));

    assertThat(code).isZero();
    Path root = out.resolve("train/model");
    assertThat(JSON.readTree(root.resolve("input/config/hyperparameters.json").toFile()).path("num_round").asText())
        .isEqualTo("60");
    JsonNode dataConfig = JSON.readTree(root.resolve("input/config/inputdataconfig.json").toFile());
    assertThat(dataConfig.path("train").path("ContentType").asText()).isEqualTo("text/csv");
    assertThat(dataConfig.path("validation").path("ContentType").asText()).isEqualTo("text/csv");
    assertThat(root.resolve("input/data/train/part-00000.csv"))
        .hasSameTextualContentAs(data.dir().resolve("train/part-00000.csv"));
    assertThat(root.resolve("output/failure")).doesNotExist();
    assertThat(root.resolve("checkpoints")).isDirectory();

    Booster booster = XGBoost.loadModel(Files.readAllBytes(root.resolve("model/xgboost-model")));
    assertThat(booster.getNumBoostedRound()).isBetween(1, 60);
    assertThat(booster.getNumFeature()).isEqualTo(TrainFixtures.FEATURES);
    assertThat(booster.getAttr("best_iteration")).isNotNull();
    booster.dispose();

    Path baseline = out.resolve("train/baseline");
    JsonNode baselineModel = JSON.readTree(baseline.resolve("model/baseline-model.json").toFile());
    assertThat(baselineModel.path("coefficients").path("age").asDouble()).as("risk rises with age").isPositive();
    assertThat(baselineModel.path("sex_categories").toString()).isEqualTo("[\"F\",\"M\"]");
    assertThat(JSON.readTree(baseline.resolve("input/config/inputdataconfig.json").toFile())
            .path("train").path("ContentType").asText())
        .isEqualTo("application/x-parquet");

    for (String model : List.of("model", "baseline")) {
      List<String> lines = Files.readAllLines(out.resolve("predictions/" + model + "/test.csv.out"));
      assertThat(lines).hasSize(400);
      List<String> ids = lines.stream().map(l -> l.split(",")[0]).toList();
      assertThat(ids).as("row ids in the transform input's order").isEqualTo(data.testOrder());
      List<Double> scores = lines.stream().map(l -> Double.parseDouble(l.split(",")[1])).toList();
      assertThat(scores).allSatisfy(s -> assertThat(s).isStrictlyBetween(0.0, 1.0));
      List<Integer> labels = ids.stream().map(data.testLabels()::get).toList();
      double auc = TrainFixtures.auc(scores, labels);
      assertThat(auc).as(model + " AUROC on the fixture").isGreaterThan(model.equals("model") ? 0.75 : 0.6);
    }
    assertThat(out.resolve("predictions/model/_writing")).doesNotExist();

    // The model's predictions are calibrated by the file beside the model; the raw score is kept.
    JsonNode calibratorFile = JSON.readTree(root.resolve("model/" + Calibrator.FILE).toFile());
    Calibrator calibrator = Calibrator.read(calibratorFile);
    assertThat(calibratorFile.path("fit").path("rows").asInt()).isEqualTo(300);
    double chosenLoss = calibratorFile.path("fit").path(calibrator.kind() + "_log_loss").asDouble();
    double otherLoss =
        calibratorFile.path("fit").path((calibrator.kind().equals("platt") ? "isotonic" : "platt") + "_log_loss").asDouble();
    assertThat(chosenLoss).isLessThanOrEqualTo(otherLoss);
    List<String> modelLines = Files.readAllLines(out.resolve("predictions/model/test.csv.out"));
    Set<String> distinct = new HashSet<>();
    for (String line : modelLines) {
      String[] f = line.split(",");
      assertThat(f).hasSize(3);
      assertThat(Double.parseDouble(f[1])).isEqualTo(calibrator.apply(Float.parseFloat(f[2])));
      distinct.add(f[1] + "," + f[2]);
    }
    assertThat(distinct.stream().filter(d -> !d.split(",")[0].equals(d.split(",")[1])).count())
        .as("calibration changes the scores")
        .isPositive();
    assertThat(Files.readAllLines(out.resolve("predictions/baseline/test.csv.out")).get(0).split(",")).hasSize(2);

    Manifest manifest = Manifest.fromJson(Files.readString(out.resolve("train/_manifest.json")));
    assertThat(manifest.balanced()).isTrue();
    assertThat(manifest.tables.get("train").rowsIn).isEqualTo(1000);
    assertThat(manifest.tables.get("test/model").rowsOut).isEqualTo(400);
  }

  @Test
  void train_validationStopsImproving_stopsEarlyAtBestPlusPatience() throws Exception {
    TrainFixtures.Written data = TrainFixtures.write(spark, tmp.resolve("features"), 600, 300, 100, 23, true);
    Path hp = TrainFixtures.hyperparameters(tmp, hyperparameters(300, 5));
    Path out = tmp.resolve("out");

    int code = TrainJob.run(args(data.dir(), out, hp));

    assertThat(code).isZero();
    JsonNode summary = JSON.readTree(out.resolve("train/model/output/data/training-summary.json").toFile());
    int best = summary.path("best_iteration").asInt();
    assertThat(summary.path("stopped_early").asBoolean()).isTrue();
    assertThat(summary.path("rounds").asInt()).isEqualTo(best + 1 + 5).isLessThan(300);
    Booster booster = XGBoost.loadModel(Files.readAllBytes(out.resolve("train/model/model/xgboost-model")));
    assertThat(booster.getAttr("best_iteration")).isEqualTo(String.valueOf(best));
    booster.dispose();
  }

  @Test
  void train_labelOutsideZeroOne_writesFailureWithCountsOnly() throws Exception {
    TrainFixtures.Written data = TrainFixtures.write(spark, tmp.resolve("features"), 200, 50, 50, 5, false);
    Path trainFile = data.dir().resolve("train/part-00000.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(trainFile));
    lines.set(3, "7" + lines.get(3).substring(1));
    lines.set(4, "label" + lines.get(4).substring(1));
    TrainFixtures.writeLines(trainFile, lines);
    Path hp = TrainFixtures.hyperparameters(tmp, hyperparameters(10, 0));
    Path out = tmp.resolve("out");

    int code = TrainJob.run(args(data.dir(), out, hp));

    assertThat(code).isEqualTo(1);
    String failure = Files.readString(out.resolve("train/model/output/failure"), StandardCharsets.UTF_8);
    assertThat(failure)
        .isEqualTo(
            "train failed: channel train: 2 rows have a label other than 0 or 1 (the label is the first column,"
                + " no header)\n");
    assertThat(out.resolve("train/model/model/xgboost-model")).doesNotExist();
    assertThat(out.resolve("predictions/model/test.csv.out")).doesNotExist();
  }

  @Test
  void train_nonNumericFeature_writesFailureNamingChannel() throws Exception {
    TrainFixtures.Written data = TrainFixtures.write(spark, tmp.resolve("features"), 200, 50, 50, 5, false);
    Path validationFile = data.dir().resolve("validation/part-00000.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(validationFile));
    String[] fields = lines.get(1).split(",", -1);
    fields[2] = "Jane";
    lines.set(1, String.join(",", fields));
    TrainFixtures.writeLines(validationFile, lines);
    Path hp = TrainFixtures.hyperparameters(tmp, hyperparameters(10, 0));
    Path out = tmp.resolve("out");

    int code = TrainJob.run(args(data.dir(), out, hp));

    assertThat(code).isEqualTo(1);
    String failure = Files.readString(out.resolve("train/model/output/failure"), StandardCharsets.UTF_8);
    assertThat(failure).contains("channel validation: 1 fields are not numbers").doesNotContain("Jane");
  }

  @Test
  void train_missingTrainChannel_writesFailure() throws IOException {
    Path features = tmp.resolve("features");
    Files.createDirectories(features);
    Path hp = TrainFixtures.hyperparameters(tmp, hyperparameters(10, 0));
    Path out = tmp.resolve("out");

    int code = TrainJob.run(args(features, out, hp));

    assertThat(code).isEqualTo(1);
    assertThat(Files.readString(out.resolve("train/model/output/failure")))
        .isEqualTo("train failed: channel train is missing: no folder train/ under --channels\n");
  }
}
