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
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
