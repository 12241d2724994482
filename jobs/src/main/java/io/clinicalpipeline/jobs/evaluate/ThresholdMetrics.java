package io.clinicalpipeline.jobs.evaluate;

/** The confusion matrix at one threshold (predicted positive when score >= threshold) and its rates. */
record ThresholdMetrics(double threshold, long tp, long fp, long tn, long fn) {

  static ThresholdMetrics of(double threshold, long tp, long fp, long positives, long negatives) {
    return new ThresholdMetrics(threshold, tp, fp, negatives - fp, positives - tp);
  }

  double sensitivity() {
    return ratio(tp, tp + fn);
  }

  double specificity() {
    return ratio(tn, tn + fp);
  }

  double ppv() {
    return ratio(tp, tp + fp);
  }

  double npv() {
    return ratio(tn, tn + fn);
  }

  double accuracy() {
    return ratio(tp + tn, tp + tn + fp + fn);
  }

  /** F-beta; scikit-learn gives 0 where precision and recall are both 0 and so do we. */
  double fBeta(double beta) {
    double b2 = beta * beta;
    double denominator = (1 + b2) * tp + b2 * fn + fp;
    return denominator == 0 ? 0 : (1 + b2) * tp / denominator;
  }

  double f1() {
    return fBeta(1);
  }

  /** Net benefit of treating those at or above the threshold, with the threshold as the exchange rate. */
  double netBenefit() {
    double n = tp + fp + tn + fn;
    return tp / n - fp / n * threshold / (1 - threshold);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
