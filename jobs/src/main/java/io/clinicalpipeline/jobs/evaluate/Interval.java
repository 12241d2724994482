package io.clinicalpipeline.jobs.evaluate;

import java.util.Arrays;

/** A bootstrap percentile interval with the replicates' standard deviation. */
record Interval(double lower, double upper, double standardDeviation, int replicates) {

  /**
   * The 2.5th and 97.5th percentiles (linear interpolation between order statistics, numpy's default) and
   * the sample standard deviation of the finite values.
   */
  static Interval percentile95(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length < 2) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN, v.length);
    }
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
    return new Interval(quantile(v, 0.025), quantile(v, 0.975), Math.sqrt(ss / (v.length - 1)), v.length);
  }

  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
