package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.evaluate.EvaluateJob;
import io.clinicalpipeline.jobs.evaluate.EvaluateOptions;

/** {@code clinical-pipeline evaluate}: the evaluation job with the same options as its Spark main. */
final class EvaluateCommand implements Command {

  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String summary() {
    return "evaluate the model and the baseline on the test split (evaluation.json, evaluation.html)";
  }

  @Override
  public String help() {
    return EvaluateOptions.HELP;
  }

  @Override
  public int run(String[] args) {
    return EvaluateJob.run(args);
  }
}
