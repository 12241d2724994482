package io.clinicalpipeline.jobs.ingest;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.Locale;

/** What {@code --format} accepts: detect from the input's layout, Synthea CSV, or FHIR R4 bulk NDJSON. */
public enum InputFormat {
  AUTO,
  CSV,
  FHIR;

  public static InputFormat parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format must be auto, csv or fhir: " + value);
    }
  }

  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
