package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;

/**
 * Distances between each score and its group's fitted calibration curve {@code sigmoid(a + b logit(score))}:
 * their sum (for the integrated calibration index, ICI) and maximum (Emax) per group, and for the whole
 * set a histogram with {@link #HISTOGRAM_BINS} bins over [0, 1] from which E50 and E90 are read.
 */
final class CalibrationErrorPass implements Function<ScoreBlock, CalibrationErrorPass.Result> {

  private static final long serialVersionUID = 1L;

  static final int HISTOGRAM_BINS = 100_000;

  private final double[] intercept;
  private final double[] slope;

  CalibrationErrorPass(double[] intercept, double[] slope) {
    this.intercept = intercept.clone();
    this.slope = slope.clone();
  }

  /** The aggregates of one block. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    int index;
    double[] sum;
    double[] max;
    long[] histogram;

    void add(Result other) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += other.sum[i];
        max[i] = Math.max(max[i], other.max[i]);
      }
      for (int i = 0; i < histogram.length; i++) {
        histogram[i] += other.histogram[i];
      }
    }
  }

  @Override
  public Result call(ScoreBlock block) {
    int groups = intercept.length;
    int a = block.attributes;
    Result r = new Result();
    r.index = block.index;
    r.sum = new double[groups];
    r.max = new double[groups];
    r.histogram = new long[HISTOGRAM_BINS];
    for (int row = 0; row < block.size(); row++) {
      double x = block.logit[row];
      double s = block.score[row];
      for (int k = 0; k <= a; k++) {
        int grp = block.group(row, k);
        if (Double.isNaN(intercept[grp]) || Double.isNaN(slope[grp])) {
          continue;
        }
        double e = Math.abs(Calibration.sigmoid(intercept[grp] + slope[grp] * x) - s);
        r.sum[grp] += e;
        r.max[grp] = Math.max(r.max[grp], e);
        if (k == 0) {
          r.histogram[Math.min(HISTOGRAM_BINS - 1, (int) (e * HISTOGRAM_BINS))]++;
        }
      }
    }
    return r;
  }
}
