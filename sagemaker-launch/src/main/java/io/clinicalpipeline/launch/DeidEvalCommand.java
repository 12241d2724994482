package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.deid.DeidEval;

/** {@code clinical-pipeline deid-eval}: scores the note de-identifier against gold PHI spans. */
public final class DeidEvalCommand implements Command {

  @Override
  public String name() {
    return "deid-eval";
  }

  @Override
  public String summary() {
    return "score PHI detection against gold spans (recall, precision, over-redaction)";
  }

  @Override
  public String help() {
    return DeidEval.HELP;
  }

  @Override
  public int run(String[] args) {
    return DeidEval.run(args);
  }
}
