package io.clinicalpipeline.jobs.quality;

/** How much a failed check matters: an {@link #ERROR} fails the job, a {@link #WARNING} is listed. */
public enum Level {
  ERROR,
  WARNING;

  public String label() {
    return Labels.of(this);
  }

  public static Level parse(String value) {
    return Labels.parse(values(), value, "level must be error or warning");
  }
}
