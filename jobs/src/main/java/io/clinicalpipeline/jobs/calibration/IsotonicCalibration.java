package io.clinicalpipeline.jobs.calibration;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Isotonic regression of the label on the raw score by pool-adjacent-violators, as scikit-learn's
 * {@code IsotonicRegression(out_of_bounds="clip")}: a non-decreasing step function kept as breakpoints
 * (each pooled block's lowest and highest score at the block's mean label), linear between breakpoints and
 * constant beyond the ends. Rows with equal raw scores are pooled before the fit, so the result does not
 * depend on the order of tied rows. Values are kept within [{@value #FLOOR}, 1 - {@value #FLOOR}]: a
 * block of one class would otherwise predict 0 or 1, and one such case on new data costs an infinite log
 * loss.
 */
public record IsotonicCalibration(double[] thresholds, double[] values) implements Calibrator {

  static final String KIND = "isotonic";

  /** The least probability a calibrated score takes. */
  public static final double FLOOR = 1e-3;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public double apply(double raw) {
    int n = thresholds.length;
    if (raw <= thresholds[0]) {
      return values[0];
    }
    if (raw >= thresholds[n - 1]) {
      return values[n - 1];
    }
    // Thresholds are strictly increasing: tied scores were pooled, and blocks do not overlap.
    int i = Arrays.binarySearch(thresholds, raw);
    if (i >= 0) {
      return values[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (raw - thresholds[lo]) / (thresholds[hi] - thresholds[lo]);
    return values[lo] + t * (values[hi] - values[lo]);
  }

  @Override
  public Map<String, Object> parameters() {
    return Calibrator.fields(
        KIND,
        "thresholds", thresholds,
        "values", values,
        "interpolation", "linear between thresholds, constant beyond the ends");
  }

  /** The pool-adjacent-violators fit of {@code labels} (0/1) on {@code raw}. */
  public static IsotonicCalibration fit(double[] raw, double[] labels) {
    if (raw.length == 0) {
      throw new IllegalArgumentException("isotonic calibration needs at least one row");
    }
    Integer[] order = IntStream.range(0, raw.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
    // Blocks as parallel stacks: lowest and highest score, label sum, weight.
    double[] lo = new double[raw.length];
    double[] hi = new double[raw.length];
    double[] sum = new double[raw.length];
    double[] weight = new double[raw.length];
    int blocks = 0;
    int i = 0;
    while (i < order.length) {
      double x = raw[order[i]];
      double s = 0;
      double w = 0;
      while (i < order.length && raw[order[i]] == x) {
        s += labels[order[i]];
        w++;
        i++;
      }
      lo[blocks] = x;
      hi[blocks] = x;
      sum[blocks] = s;
      weight[blocks] = w;
      blocks++;
      while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] > sum[blocks - 1] / weight[blocks - 1]) {
        hi[blocks - 2] = hi[blocks - 1];
        sum[blocks - 2] += sum[blocks - 1];
        weight[blocks - 2] += weight[blocks - 1];
        blocks--;
      }
    }
    int points = 0;
    for (int b = 0; b < blocks; b++) {
      points += hi[b] > lo[b] ? 2 : 1;
    }
    double[] xs = new double[points];
    double[] ys = new double[points];
    int k = 0;
    for (int b = 0; b < blocks; b++) {
      double y = Math.min(Math.max(sum[b] / weight[b], FLOOR), 1 - FLOOR);
      xs[k] = lo[b];
      ys[k++] = y;
      if (hi[b] > lo[b]) {
        xs[k] = hi[b];
        ys[k++] = y;
      }
    }
    return new IsotonicCalibration(xs, ys);
  }
}
