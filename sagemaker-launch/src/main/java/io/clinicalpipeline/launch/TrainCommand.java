package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.train.TrainJob;
import io.clinicalpipeline.jobs.train.TrainOptions;

/** {@code clinical-pipeline train}: the local XGBoost trainer and its baseline, same options as the job. */
public final class TrainCommand implements Command {

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String summary() {
    return "train XGBoost (and a baseline) locally under the SageMaker training layout; score the test set";
  }

  @Override
  public String help() {
    return "Usage: clinical-pipeline " + TrainOptions.USAGE;
  }

  @Override
  public int run(String[] args) {
    return TrainJob.run(args);
  }
}
