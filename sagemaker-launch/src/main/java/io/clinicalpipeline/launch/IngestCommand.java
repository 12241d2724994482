package io.clinicalpipeline.launch;

import io.clinicalpipeline.jobs.ingest.IngestJob;
import io.clinicalpipeline.jobs.ingest.IngestOptions;

/** {@code clinical-pipeline ingest}: Synthea CSV or FHIR bulk NDJSON into the raw canonical tables. */
final class IngestCommand implements Command {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String summary() {
    return "read Synthea CSV or FHIR bulk NDJSON into the raw tables (+ quarantine)";
  }

  @Override
  public String help() {
    return IngestOptions.HELP;
  }

  @Override
  public int run(String[] args) {
    return IngestJob.run(args);
  }
}
