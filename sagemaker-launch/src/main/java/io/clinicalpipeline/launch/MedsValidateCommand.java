package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.meds.MedsValidateJob;

/** {@code clinical-pipeline meds-validate}: {@link MedsValidateJob}. */
final class MedsValidateCommand implements Command {

  @Override
  public String name() {
    return "meds-validate";
  }

  @Override
  public String summary() {
    return "check a folder against the MEDS schema";
  }

  @Override
  public String help() {
    return "Usage: clinical-pipeline " + MedsValidateJob.USAGE;
  }

  @Override
  public int run(String[] args) {
    return MedsValidateJob.run(args);
  }
}
