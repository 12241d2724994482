package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.meds.MedsExportJob;
import io.clinicalpipeline.jobs.meds.MedsExportOptions;

/** {@code clinical-pipeline meds-export}: {@link MedsExportJob}. */
final class MedsExportCommand implements Command {

  @Override
  public String name() {
    return "meds-export";
  }

  @Override
  public String summary() {
    return "export the de-identified layer as a MEDS data set (events, metadata, splits, labels)";
  }

  @Override
  public String help() {
    return "Usage: clinical-pipeline " + MedsExportOptions.USAGE;
  }

  @Override
  public int run(String[] args) {
    return MedsExportJob.run(args);
  }
}
