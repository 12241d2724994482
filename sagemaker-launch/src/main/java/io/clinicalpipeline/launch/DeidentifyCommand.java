package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.deid.DeidOptions;
import io.clinicalpipeline.jobs.deid.DeidentifyJob;

/** {@code clinical-pipeline deidentify}: runs {@link DeidentifyJob} with the same options. */
public final class DeidentifyCommand implements Command {

  @Override
  public String name() {
    return "deidentify";
  }

  @Override
  public String summary() {
    return "de-identify the raw layer (pseudonyms, date policy, ZIP3, notes scrubbed)";
  }

  @Override
  public String help() {
    return DeidOptions.HELP.replace("Usage: DeidentifyJob", "Usage: clinical-pipeline deidentify");
  }

  @Override
  public int run(String[] args) {
    return DeidentifyJob.run(args);
  }
}
