package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.deid.DeidText;

/** {@code clinical-pipeline deid-text}: the note de-identifier over JSONL. */
public final class DeidTextCommand implements Command {

  @Override
  public String name() {
    return "deid-text";
  }

  @Override
  public String summary() {
    return "de-identify JSONL text lines and list the PHI spans found";
  }

  @Override
  public String help() {
    return DeidText.HELP;
  }

  @Override
  public int run(String[] args) {
    return DeidText.run(args);
  }
}
