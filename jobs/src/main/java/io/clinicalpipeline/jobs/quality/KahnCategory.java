package io.clinicalpipeline.jobs.quality;

import java.util.Locale;

/**
 * The Kahn harmonized data-quality framework's categories, as OHDSI's Data Quality Dashboard uses them:
 * does a value follow the model's format and relations (conformance), is it there (completeness), is it
 * believable (plausibility).
 */
public enum KahnCategory {
  CONFORMANCE,
  COMPLETENESS,
  PLAUSIBILITY;

  /** The lower-case word used in suites and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KahnCategory parse(String value) {
    for (KahnCategory c : values()) {
      if (c.label().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "category must be conformance, completeness or plausibility: " + value);
  }
}
