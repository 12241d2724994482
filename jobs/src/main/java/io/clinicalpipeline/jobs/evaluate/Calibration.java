package io.clinicalpipeline.jobs.evaluate;

import io.clinicalpipeline.jobs.calibration.Logistic;

/** The link functions the calibration metrics share: {@link Logistic}'s, under the names the metrics use. */
final class Calibration {

  static final double EPS = Logistic.EPS;

  private Calibration() {}

  static double clip(double p) {
    return Logistic.clip(p);
  }

  static double logit(double p) {
    return Logistic.logit(p);
  }

  static double sigmoid(double x) {
    return Logistic.sigmoid(x);
  }
}
