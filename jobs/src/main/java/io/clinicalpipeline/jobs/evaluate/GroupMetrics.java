package io.clinicalpipeline.jobs.evaluate;

/**
 * Discrimination and calibration of one group (the whole test set or one subgroup level). {@code NaN}
 * where a metric is undefined (one class only; a recalibration that did not converge).
 */
record GroupMetrics(
    String attribute,
    String level,
    long n,
    long positives,
    double auroc,
    double averagePrecision,
    double brier,
    double logLoss,
    double meanScore,
    double calibrationInTheLarge,
    double calibrationIntercept,
    double calibrationSlope,
    boolean calibrationConverged,
    double ici,
    double emax) {

  double prevalence() {
    return n == 0 ? Double.NaN : (double) positives / n;
  }

  /** 1 - Brier / Brier of always predicting the prevalence. */
  double scaledBrier() {
    double p = prevalence();
    return 1 - brier / (p * (1 - p));
  }

  /** Observed over expected events. */
  double observedExpected() {
    return positives / (meanScore * n);
  }
}
