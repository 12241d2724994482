package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.features.FeaturesJob;
import io.clinicalpipeline.jobs.features.FeaturesOptions;

/** {@code clinical-pipeline features}: the feature job, with the options of {@link FeaturesJob}. */
final class FeaturesCommand implements Command {

  @Override
  public String name() {
    return "features";
  }

  @Override
  public String summary() {
    return "build training features and SageMaker channels for a prediction task";
  }

  @Override
  public String help() {
    return "Usage: clinical-pipeline " + FeaturesOptions.USAGE;
  }

  @Override
  public int run(String[] args) {
    return FeaturesJob.run(args);
  }
}
