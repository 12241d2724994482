package io.clinicalpipeline.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.quality.QualityStatus;
import io.clinicalpipeline.launch.config.PipelineConfig;
import io.clinicalpipeline.launch.graph.PipelineGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline graph rendered for the local engine, with contract-honouring steps in place of Spark. */
class GraphRunTest {

  @TempDir Path tmp;
  Path source;
  Path root;
  Path task;
  final ContractJobs jobs = new ContractJobs();

  @BeforeEach
  void setUp() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("patients.csv"), "p1\np2\np3\n");
    root = tmp.resolve("out");
    task = tmp.resolve("task.yaml");
    Files.writeString(task, "label: readmission-30d\n");
  }

  private RunReport run(double minAuc) throws Exception {
    String yaml = "features:\n  task: " + task + "\nevaluation:\n  min-auc: " + minAuc + "\n";
    PipelineGraph graph = PipelineGraph.of(PipelineConfig.parse("t.yaml", yaml));
    return new LocalRunner(root, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(GraphSteps.of(graph, source, root, true, jobs));
  }

  @Test
  void fullRun_registersTheModel_thenSecondRunIsAllCacheHits() throws Exception {
    RunReport first = run(0.7);
    assertThat(first.succeeded()).as(first.table()).isTrue();
    assertThat(first.executed()).hasSize(10);
    assertThat(root.resolve("registry/clinical-pipeline/1/model/xgboost-model")).exists();
    assertThat(root.resolve("registry/clinical-pipeline/1/evaluation.json")).exists();
    assertThat(root.resolve("registry/clinical-pipeline/1/task_spec.yaml")).hasContent("label: readmission-30d\n");
    assertThat(Files.readString(root.resolve("registry/clinical-pipeline/1/lineage.json")))
        .contains("\"features\": \"manifest:");
    assertThat(first.step("ingest").rows()).isEqualTo(3);

    RunReport second = run(0.7);
    assertThat(second.executed()).isEmpty();
    assertThat(second.cacheHits()).isEqualTo(10);
  }

  @Test
  void taskSpecChange_rerunsFeaturesAndEverythingAfter_nothingBefore() throws Exception {
    run(0.7);
    Files.writeString(task, "label: mortality-1y\n");
    RunReport changed = run(0.7);
    assertThat(changed.executed())
        .containsExactly("features", "quality-features", "train", "evaluate", "condition", "register");
    assertThat(Files.readString(root.resolve("registry/clinical-pipeline/2/model/xgboost-model"))).contains("mortality-1y");
    assertThat(Files.readString(root.resolve("registry/clinical-pipeline/1/model/xgboost-model")))
        .contains("readmission-30d");
    assertThat(Files.readString(root.resolve("registry/index.json"))).contains("\"ModelPackageVersion\" : 2");
  }

  @Test
  void aucBelowMinimum_modelReportedNotRegistered_runSucceeds() throws Exception {
    jobs.auc = 0.61;
    RunReport r = run(0.7);
    assertThat(r.succeeded()).as(r.table()).isTrue();
    assertThat(r.step("condition").status()).isEqualTo(StepResult.Status.DECLINED);
    assertThat(r.declined()).containsExactly("AUC 0.610 is below evaluation.min-auc 0.700");
    assertThat(r.step("register").status()).isEqualTo(StepResult.Status.SKIPPED);
    assertThat(root.resolve("registry")).doesNotExist();
    assertThat(root.resolve("evaluation/evaluation.json")).exists();
  }

  @Test
  void noGainOverTheBaseline_orSlopeOutOfRange_notRegistered_eachReason() throws Exception {
    jobs.aucGainLower = -0.068;
    RunReport noGain = run(0.7);
    assertThat(noGain.succeeded()).isTrue();
    assertThat(noGain.declined()).containsExactly(
        "the 95% lower bound of AUROC model - baseline, -0.068, is not above evaluation.min-auc-gain-lower-bound 0.000");
    assertThat(noGain.step("register").status()).isEqualTo(StepResult.Status.SKIPPED);

    jobs.aucGainLower = 0.01;
    jobs.calibrationSlope = 8.14;
    root = tmp.resolve("out-slope");
    RunReport steep = run(0.7);
    assertThat(steep.declined()).containsExactly(
        "calibration slope 8.140 is outside evaluation.min/max-calibration-slope 0.800-1.250");
    assertThat(root.resolve("registry")).doesNotExist();

    jobs.calibrationSlope = 0.9;
    root = tmp.resolve("out-ok");
    RunReport ok = run(0.7);
    assertThat(ok.declined()).isEmpty();
    assertThat(ok.step("condition").status()).isEqualTo(StepResult.Status.SUCCEEDED);
    assertThat(root.resolve("registry/clinical-pipeline/1/evaluation.json")).exists();
  }

  @Test
  void failedQualityReport_conditionFails_warningsPass() throws Exception {
    jobs.qualityStatus = QualityStatus.FAILED;
    RunReport r = run(0.7);
    assertThat(r.step("condition").status()).isEqualTo(StepResult.Status.FAILED);
    assertThat(r.step("condition").message())
        .contains("the feature quality report's status is not one of [passed, passed-with-warnings]");
    assertThat(root.resolve("registry")).doesNotExist();

    jobs.qualityStatus = QualityStatus.PASSED_WITH_WARNINGS;
    root = tmp.resolve("out-warned");
    RunReport warned = run(0.7);
    assertThat(warned.succeeded()).as(warned.table()).isTrue();
    assertThat(root.resolve("registry/clinical-pipeline/1/evaluation.json")).exists();
  }

  @Test
  void failedQualityGate_publishesItsReport_andStopsWhatFollows() throws Exception {
    jobs.failingCheckpoint = "deid";
    RunReport r = run(0.7);
    assertThat(r.succeeded()).isFalse();
    Path report = root.resolve("quality/deid/report.html");
    assertThat(r.step("quality-deid").message()).hasValue("QualityJob exited with code 1; report: " + report);
    assertThat(Files.readString(report)).isEqualTo("failed");
    assertThat(root.resolve("quality/deid/report.json")).exists();
    assertThat(r.step("features").status()).isEqualTo(StepResult.Status.SKIPPED);
    assertThat(root.resolve("features")).doesNotExist();

    jobs.failingCheckpoint = "features";
    RunReport second = run(0.7);
    assertThat(second.step("quality-deid").cached()).isFalse();
    assertThat(Files.readString(report)).isEqualTo("passed");
    for (String f : new String[] {"report.html", "report.json", "statistics.json", "constraints.json"}) {
      assertThat(root.resolve("quality/features").resolve(f)).as(f).exists();
    }
    assertThat(second.step("condition").status()).isEqualTo(StepResult.Status.SKIPPED);
    assertThat(root.resolve("registry")).doesNotExist();
  }

  @Test
  void jobs_writeIntoStaging_readCommittedInputs_withTheDemoKeyFlag() throws Exception {
    run(0.7);
    String deid = jobs.calls.stream().filter(c -> c.startsWith("DeidentifyJob")).findFirst().orElseThrow();
    String staging = root.resolve(LocalRunner.STATE_DIR).resolve("staging").resolve("deidentify").toString();
    assertThat(deid).isEqualTo("DeidentifyJob --input " + root.resolve("raw") + " --output " + staging + "/deid"
        + " --date-policy shift --demo-key");
    String quality = jobs.calls.stream().filter(c -> c.contains("--checkpoint features")).findFirst().orElseThrow();
    assertThat(quality).contains("--history " + root.resolve("quality-history"));
    assertThat(root.resolve("quality/features/report.json")).exists();
    assertThat(root.resolve("predictions/model/test.csv.out")).exists();
  }
}
