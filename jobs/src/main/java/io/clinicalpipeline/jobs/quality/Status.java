package io.clinicalpipeline.jobs.quality;

/** The outcome of one check. {@link #NOT_APPLICABLE}: no rows or values to judge (an empty table). */
public enum Status {
  PASSED,
  FAILED,
  NOT_APPLICABLE;

  public String label() {
    return Labels.of(this);
  }
}
