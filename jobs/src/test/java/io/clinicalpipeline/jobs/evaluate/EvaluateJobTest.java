package io.clinicalpipeline.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clinicalpipeline.common.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job as the launcher runs it: outputs, manifest, determinism, and refusing incomplete joins. */
class EvaluateJobTest {

  @TempDir Path dir;

  @Test
  void run_writesEvaluationAndBalancedManifest() throws Exception {
    Path out = EvaluateFixtures.evaluated().resolve("evaluation");
    assertThat(out.resolve("evaluation.json")).isNotEmptyFile();
    assertThat(out.resolve("evaluation.html")).isNotEmptyFile();
    Manifest manifest = Manifest.fromJson(Files.readString(out.resolve(Manifest.FILE_NAME)));
    assertThat(manifest.job).isEqualTo("evaluate");
    assertThat(manifest.balanced()).isTrue();
    assertThat(manifest.tables.get("predictions_model").rowsIn).isEqualTo(300);
    assertThat(manifest.tables.get("test_examples").rowsOut).isEqualTo(300);
  }

  @Test
  void sameInputs_giveByteIdenticalOutputs() throws Exception {
    Path first = EvaluateFixtures.evaluated();
    String[] inputs = {first.resolve("predictions").toString(), first.resolve("examples").toString()};
    assertThat(EvaluateJob.run(EvaluateFixtures.args(inputs, dir.resolve("again")))).isZero();
    for (String f : List.of("evaluation.json", "evaluation.html")) {
      // Strings, so that a failure shows a readable diff; the files are ASCII.
      assertThat(Files.readString(dir.resolve("again").resolve(f)))
          .as(f)
          .isEqualTo(Files.readString(first.resolve("evaluation").resolve(f)));
    }
  }

  @Test
  void incompleteJoin_exitsOneWithCountsAndNoIds() throws Exception {
    String[] inputs = EvaluateFixtures.materialize(dir);
    Path model = Path.of(inputs[0], "model", "test.csv.out");
    List<String> lines = new ArrayList<>(Files.readAllLines(model));
    List<String> dropped = List.of(lines.remove(0), lines.remove(0));
    String stranger = "ffffffffffffffffffffffffffffffff";
    lines.add(stranger + ",0.5");
    lines.add(lines.get(0).split(",")[0] + ",1.5");
    Files.write(model, lines);

    Result r = run(EvaluateFixtures.args(inputs, dir.resolve("evaluation")));

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err)
        .contains("predictions and labels do not join completely")
        .contains("model: 300 predictions, 300 test examples")
        .contains("1 prediction lines without a row id or a score in [0, 1]")
        .contains("1 duplicate row ids among the predictions")
        .contains("1 predictions with no test example")
        .contains("2 test examples with no prediction")
        .doesNotContain("baseline:")
        .doesNotContain(stranger)
        .doesNotContain(dropped.get(0).split(",")[0])
        .doesNotContain(lines.get(0).split(",")[0]);
    assertThat(dir.resolve("evaluation/evaluation.json")).doesNotExist();
  }

  @Test
  void missingPredictions_exitOneNamingTheFolder() throws Exception {
    String[] inputs = EvaluateFixtures.materialize(dir);
    Files.delete(Path.of(inputs[0], "baseline", "test.csv.out"));

    Result r = run(EvaluateFixtures.args(inputs, dir.resolve("evaluation")));

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("no prediction files (*.out) in").contains("baseline");
  }

  @Test
  void sageMakerLayout_onlyModelPredictions_baselineFittedFromTheExamples() throws Exception {
    String[] inputs = EvaluateFixtures.materialize(dir);
    Files.delete(Path.of(inputs[0], "baseline", "test.csv.out"));
    Files.delete(Path.of(inputs[0], "baseline"));
    assertThat(run(EvaluateFixtures.args(inputs, dir.resolve("refused"))).code).isEqualTo(1);

    Path out = dir.resolve("evaluation");
    assertThat(EvaluateJob.run(EvaluateFixtures.args(inputs, out, "--baseline", "examples"))).isZero();
    var extra = EvaluationJson.MAPPER.readTree(out.resolve("evaluation.json").toFile()).path(EvaluationJson.EXTRA_BLOCK);
    assertThat(extra.at("/baseline/n").asInt()).isEqualTo(300);
    double auroc = extra.at("/baseline/auroc/value").asDouble();
    assertThat(auroc).isBetween(0.5, 1.0).isNotEqualTo(extra.at("/model/auroc/value").asDouble());

    // The same as evaluating the baseline's own scores written as predictions (the local trainer's layout).
    var scores = io.clinicalpipeline.jobs.train.Baseline.scoreTestSplit(
        io.clinicalpipeline.common.testing.SparkTestSession.get().read().parquet(inputs[1]));
    List<String> lines = new ArrayList<>();
    for (var row : scores.orderBy("row_id").collectAsList()) {
      lines.add(row.getString(0) + "," + row.getDouble(1));
    }
    Files.createDirectories(Path.of(inputs[0], "baseline"));
    Files.write(Path.of(inputs[0], "baseline", "test.csv.out"), lines);
    Path viaFiles = dir.resolve("via-files");
    assertThat(EvaluateJob.run(EvaluateFixtures.args(inputs, viaFiles))).isZero();
    var fromFiles = EvaluationJson.MAPPER.readTree(viaFiles.resolve("evaluation.json").toFile())
        .path(EvaluationJson.EXTRA_BLOCK);
    assertThat(extra.path("baseline")).isEqualTo(fromFiles.path("baseline"));
  }

  @Test
  void calibratedPredictions_reportRawAndCalibratedMetrics() throws Exception {
    String[] inputs = EvaluateFixtures.materialize(dir);
    Path model = Path.of(inputs[0], "model", "test.csv.out");
    // The fixture's scores become the raw scores of a known recalibration: logit(score) = 0.5 logit(raw) + 0.3.
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(model)) {
      String[] f = line.split(",");
      double raw = Double.parseDouble(f[1]);
      double score = Calibration.sigmoid(0.5 * Calibration.logit(raw) + 0.3);
      lines.add(f[0] + "," + score + "," + f[1]);
    }
    Files.write(model, lines);
    Path out = dir.resolve("evaluation");

    assertThat(EvaluateJob.run(EvaluateFixtures.args(inputs, out))).isZero();

    var extra = EvaluationJson.MAPPER.readTree(out.resolve("evaluation.json").toFile()).path(EvaluationJson.EXTRA_BLOCK);
    var uncalibrated = EvaluateFixtures.evaluationJson().path(EvaluationJson.EXTRA_BLOCK);
    assertThat(extra.path("model_raw")).as("raw scores evaluated as the two-column file's").isEqualTo(uncalibrated.path("model"));
    double slope = uncalibrated.at("/model/calibration/slope").asDouble();
    double intercept = uncalibrated.at("/model/calibration/intercept").asDouble();
    assertThat(extra.at("/model/calibration/slope").asDouble()).isCloseTo(2 * slope, within(1e-6));
    assertThat(extra.at("/model/calibration/intercept").asDouble()).isCloseTo(intercept - 0.6 * slope, within(1e-6));
    assertThat(extra.at("/model/auroc/value").asDouble()).isEqualTo(uncalibrated.at("/model/auroc/value").asDouble());
    var comparison = extra.at("/comparison/calibration");
    assertThat(comparison.at("/raw/calibration_slope").asDouble()).isEqualTo(slope);
    assertThat(comparison.at("/calibrated/calibration_slope").asDouble())
        .isEqualTo(extra.at("/model/calibration/slope").asDouble());
    assertThat(Files.readString(out.resolve("evaluation.html")))
        .contains("model before calibration")
        .contains("data-json=\"/" + EvaluationJson.EXTRA_BLOCK + "/model_raw/calibration/slope\"");

    // Some lines with a raw score and some without: refused, counts only.
    lines.set(0, lines.get(0).substring(0, lines.get(0).lastIndexOf(',')));
    Files.write(model, lines);
    Result r = run(EvaluateFixtures.args(inputs, dir.resolve("partial")));
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("1 of 300 lines lack a raw score").doesNotContain(lines.get(0).split(",")[0]);
  }

  @Test
  void thresholdOutsideZeroOne_exitsTwoNamingTheFlag() throws Exception {
    Result r = run(new String[] {"--predictions", "p", "--examples", "e", "--output", "o", "--thresholds", "0.2,1.5"});

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--thresholds must be between 0 and 1");
  }

  @Test
  void options_roundTripThroughToArgs() {
    EvaluateOptions o =
        EvaluateOptions.parse(
            new String[] {"--predictions", "p", "--examples", "e", "--output", "o", "--replicates", "7"});
    assertThat(EvaluateOptions.parse(o.toArgs())).isEqualTo(o);
    assertThat(o.netBenefitThresholds()).hasSize(99).startsWith(0.01, 0.02, 0.03).endsWith(0.99);
  }

  record Result(int code, String err) {}

  private static Result run(String[] args) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int code = EvaluateJob.run(args);
      return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
