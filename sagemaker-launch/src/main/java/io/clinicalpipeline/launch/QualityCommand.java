package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.quality.QualityJob;

/** {@code clinical-pipeline quality}: the data-quality job at one checkpoint, same options as its main. */
final class QualityCommand implements Command {

  @Override
  public String name() {
    return "quality";
  }

  @Override
  public String summary() {
    return "check a checkpoint's data (raw, deid, features) and write report.json and report.html";
  }

  @Override
  public String help() {
    return """
        Usage: clinical-pipeline quality --checkpoint raw|deid|features --input DIR --output DIR [options]

        Runs the checkpoint's check suite (Kahn categories conformance, completeness, plausibility) and
        writes report.json, report.html and, for features, SageMaker Model Monitor's statistics.json and
        constraints.json. Exit code 1 when an error-level check fails, 0 otherwise (warnings listed).

        Options:
          --checkpoint raw|deid|features  which suite and which tables (required)
          --input DIR                     OUT/raw, OUT/deid or OUT/features (local, file: or s3a:) (required)
          --output DIR                    OUT/quality/<checkpoint> (required)
          --raw DIR                       OUT/raw, for the PHI leak scan of the deid checkpoint
          --history DIR                   metrics history for trends and anomaly detection
                                          (one JSON object per run under DIR/<checkpoint>/; default: none)
          --suite FILE                    a YAML suite merged over the checkpoint's defaults
          --run-time ISO-8601             the run's time in the history (default: now)
          --tag KEY=VALUE                 a tag on the run in the history (repeatable)
        """;
  }

  @Override
  public int run(String[] args) {
    return QualityJob.run(args);
  }
}
