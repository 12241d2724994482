package io.clinicalpipeline.jobs.calibration;

/**
 * The logistic link and the log loss, with probabilities clipped as scikit-learn's {@code log_loss} does;
 * shared by the calibrators the train job fits and the calibration metrics the evaluate job reports.
 */
public final class Logistic {

  /** Machine epsilon for doubles: scikit-learn 1.2's {@code log_loss(eps="auto")} clips to [eps, 1 - eps]. */
  public static final double EPS = Math.ulp(1.0);

  private Logistic() {}

  public static double clip(double p) {
    return Math.min(Math.max(p, EPS), 1 - EPS);
  }

  public static double logit(double p) {
    double c = clip(p);
    return Math.log(c / (1 - c));
  }

  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    // One exp, not two: the JIT does not merge repeated Math.exp calls.
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** Mean log loss of probabilities {@code p} for 0/1 {@code labels}. */
  public static double logLoss(double[] p, double[] labels) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double q = clip(p[i]);
      sum -= labels[i] > 0.5 ? Math.log(q) : Math.log(1 - q);
    }
    return sum / p.length;
  }
}
