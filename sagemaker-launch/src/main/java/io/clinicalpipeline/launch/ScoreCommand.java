package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.score.ScoreJob;
import io.clinicalpipeline.jobs.score.ScoreOptions;

/** {@code clinical-pipeline score}: batch predictions with a registered model version, same options as the job. */
final class ScoreCommand implements Command {

  @Override
  public String name() {
    return "score";
  }

  @Override
  public String summary() {
    return "score de-identified (or raw) data with a registered version's fitted transform and model";
  }

  @Override
  public String help() {
    return "Usage: clinical-pipeline " + ScoreOptions.USAGE;
  }

  @Override
  public int run(String[] args) {
    return ScoreJob.run(args);
  }
}
