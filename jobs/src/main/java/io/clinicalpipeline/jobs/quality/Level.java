package io.clinicalpipeline.jobs.quality;

import java.util.Locale;

/** How much a failed check matters: an {@link #ERROR} fails the job, a {@link #WARNING} is listed. */
public enum Level {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Level parse(String value) {
    for (Level l : values()) {
      if (l.label().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("level must be error or warning: " + value);
  }
}
