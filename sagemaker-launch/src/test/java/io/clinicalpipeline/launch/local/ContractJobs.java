package io.clinicalpipeline.launch.local;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.quality.QualityStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Small real steps that honour the job contracts' file layout (what each job reads and writes), standing
 * in for the Spark jobs so the graph's local rendering can be tested in this module: each reads its
 * inputs, writes its outputs and a manifest, and the features output depends on the task file's content.
 */
final class ContractJobs implements GraphSteps.Launcher {
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  volatile double auc = 0.81;
  /** The lower 95% bound of AUROC model - baseline the evaluation reports. */
  volatile double aucGainLower = 0.02;
  volatile double calibrationSlope = 1.05;
  volatile QualityStatus qualityStatus = QualityStatus.PASSED;
  /** A quality checkpoint whose gate fails (writes its report, exits 1), or null. */
  volatile String failingCheckpoint;

  @Override
  public int run(String mainClass, List<String> args) throws Exception {
    String job = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    calls.add(job + " " + String.join(" ", args));
    Path out = Path.of(value(args, "--output"));
    Files.createDirectories(out);
    switch (job) {
      case "IngestJob" -> {
        long rows = Files.readAllLines(Path.of(value(args, "--input")).resolve("patients.csv")).size();
        write(out.resolve("patients/part-0.txt"), "rows " + rows);
        manifest(out, job, rows);
      }
      case "DeidentifyJob" -> {
        write(out.resolve("patients/part-0.txt"), Files.readString(Path.of(value(args, "--input")).resolve("patients/part-0.txt")));
        manifest(out, job, 3);
      }
      case "QualityJob" -> {
        boolean fail = value(args, "--checkpoint").equals(failingCheckpoint);
        QualityStatus status = fail ? QualityStatus.FAILED : qualityStatus;
        write(out.resolve("report.json"), "{\"status\": \"" + status.label() + "\"}");
        write(out.resolve("report.html"), fail ? "failed" : "passed");
        write(out.resolve("statistics.json"), "{}");
        write(out.resolve("constraints.json"), "{}");
        if (fail) {
          return 1;
        }
      }
      case "FeaturesJob" -> {
        String task = args.contains("--task") ? Files.readString(Path.of(value(args, "--task"))) : "default";
        write(out.resolve("train/part-0.csv"), "1,0.5 # " + task.strip());
        write(out.resolve("examples/part-0.txt"), "examples");
        write(out.resolve("feature_manifest.json"), "{\"features\": []}");
        write(out.resolve("task_spec.yaml"), task);
        manifest(out, job, 3);
      }
      case "TrainJob" -> {
        write(out.resolve("model/model/xgboost-model"), "model of " + Files.readString(Path.of(value(args, "--channels")).resolve("train/part-0.csv")));
        write(out.getParent().resolve("predictions/model/test.csv.out"), "r1,0.7\n");
      }
      case "EvaluateJob" -> write(out.resolve("evaluation.json"), String.format(Locale.ROOT,
          "{\"binary_classification_metrics\": {\"auc\": {\"value\": %.3f, \"standard_deviation\": 0.01}},"
              + " \"clinical_pipeline_metrics\": {\"model\": {\"calibration\": {\"slope\": %.3f}},"
              + " \"comparison\": {\"delta_auroc\": {\"value\": 0.05, \"ci_lower\": %.3f}}}}",
          auc, calibrationSlope, aucGainLower));
      default -> throw new IllegalArgumentException("unknown job " + mainClass);
    }
    return 0;
  }

  static String value(List<String> args, String flag) {
    int i = args.indexOf(flag);
    if (i < 0) {
      throw new IllegalArgumentException(flag + " missing");
    }
    return args.get(i + 1);
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void manifest(Path out, String job, long rows) throws Exception {
    write(out.resolve(Manifest.FILE_NAME), new Manifest(job, "1").table("all", rows, rows, 0).toJson());
  }
}
