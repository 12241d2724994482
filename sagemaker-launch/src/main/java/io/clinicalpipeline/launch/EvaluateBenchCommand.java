package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.evaluate.EvaluateBench;

/** {@code clinical-pipeline evaluate-bench}: times the evaluation on synthetic predictions. */
final class EvaluateBenchCommand implements Command {

  @Override
  public String name() {
    return "evaluate-bench";
  }

  @Override
  public String summary() {
    return "time the evaluation on synthetic predictions (default 10 million rows, 200 replicates)";
  }

  @Override
  public String help() {
    return EvaluateBench.HELP;
  }

  @Override
  public int run(String[] args) {
    return EvaluateBench.run(args);
  }
}
