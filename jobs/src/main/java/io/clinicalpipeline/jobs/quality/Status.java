package io.clinicalpipeline.jobs.quality;

import java.util.Locale;

/** The outcome of one check. {@link #NOT_APPLICABLE}: no rows or values to judge (an empty table). */
public enum Status {
  PASSED,
  FAILED,
  NOT_APPLICABLE;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
