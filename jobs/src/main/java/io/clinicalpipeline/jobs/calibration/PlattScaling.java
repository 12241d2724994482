package io.clinicalpipeline.jobs.calibration;

import java.util.Map;

/**
 * Platt scaling on the logit of the raw score: {@code sigmoid(intercept + slope * logit(raw))}, the
 * logistic recalibration model that the evaluation's calibration slope and intercept describe.
 */
public record PlattScaling(double intercept, double slope) implements Calibrator {

  static final String KIND = "platt";

  /** Newton iterations; the fit converges quadratically and needs far fewer. */
  static final int MAX_ITERATIONS = 100;

  /** A Newton step smaller than this ends the fit. */
  static final double TOLERANCE = 1e-10;

  /** The identity map (intercept 0, slope 1): what a fit that cannot converge falls back to. */
  public static final PlattScaling IDENTITY = new PlattScaling(0, 1);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public double apply(double raw) {
    return Logistic.sigmoid(intercept + slope * Logistic.logit(raw));
  }

  @Override
  public Map<String, Object> parameters() {
    return Calibrator.fields(
        KIND, "intercept", intercept, "slope", slope, "formula", "sigmoid(intercept + slope * logit(raw))");
  }

  /**
   * The maximum-likelihood fit by Newton's method from the identity; the identity when the labels are of
   * one class or the fit does not converge (separation).
   */
  public static PlattScaling fit(double[] raw, double[] labels) {
    int n = raw.length;
    double[] x = new double[n];
    boolean pos = false;
    boolean neg = false;
    for (int i = 0; i < n; i++) {
      x[i] = Logistic.logit(raw[i]);
      pos |= labels[i] > 0.5;
      neg |= labels[i] <= 0.5;
    }
    if (!pos || !neg) {
      return IDENTITY;
    }
    double a = 0;
    double b = 1;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
      for (int i = 0; i < n; i++) {
        double p = Logistic.sigmoid(a + b * x[i]);
        double r = labels[i] - p;
        double w = p * (1 - p);
        ga += r;
        gb += r * x[i];
        haa += w;
        hab += w * x[i];
        hbb += w * x[i] * x[i];
      }
      double det = haa * hbb - hab * hab;
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      if (!Double.isFinite(da) || !Double.isFinite(db)) {
        return IDENTITY;
      }
      a += da;
      b += db;
      if (Math.abs(da) + Math.abs(db) < TOLERANCE) {
        return new PlattScaling(a, b);
      }
    }
    return IDENTITY;
  }
}
