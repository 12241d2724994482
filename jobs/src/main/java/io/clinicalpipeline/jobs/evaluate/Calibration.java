package io.clinicalpipeline.jobs.evaluate;

/** The link functions the calibration metrics share, with scores clipped as scikit-learn's log_loss does. */
final class Calibration {

  /** Machine epsilon for doubles: scikit-learn 1.2's {@code log_loss(eps="auto")} clips to [eps, 1 - eps]. */
  static final double EPS = Math.ulp(1.0);

  private Calibration() {}

  static double clip(double p) {
    return Math.min(Math.max(p, EPS), 1 - EPS);
  }

  static double logit(double p) {
    double c = clip(p);
    return Math.log(c / (1 - c));
  }

  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    // One exp, not two: the JIT does not merge repeated Math.exp calls.
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
