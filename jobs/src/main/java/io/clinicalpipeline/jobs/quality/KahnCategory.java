package io.clinicalpipeline.jobs.quality;

/**
 * The Kahn harmonized data-quality framework's categories, as OHDSI's Data Quality Dashboard uses them:
 * does a value follow the model's format and relations (conformance), is it there (completeness), is it
 * believable (plausibility).
 */
public enum KahnCategory {
  CONFORMANCE,
  COMPLETENESS,
  PLAUSIBILITY;

  public String label() {
    return Labels.of(this);
  }

  public static KahnCategory parse(String value) {
    return Labels.parse(values(), value, "category must be conformance, completeness or plausibility");
  }
}
