package io.clinicalpipeline.jobs.evaluate;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * The logistic recalibration fits of {@link BinaryMetrics}: (intercept, slope) and the
 * calibration-in-the-large intercept for every subgroup at once, by Newton's method over the score blocks,
 * started from the same models fitted on the driver to the summary pass's logit bins.
 */
final class RecalibrationFit {

  /** Newton iterations for the recalibration fits; quadratic convergence needs far fewer. */
  static final int MAX_NEWTON_ITERATIONS = 50;

  /**
   * A step smaller than this ends the iterations (after it is applied): Newton's error after such a step is
   * of the order of its square.
   */
  static final double NEWTON_TOLERANCE = 1e-10;

  private RecalibrationFit() {}

  /**
   * Newton's method for every group at once, one pass per iteration: (intercept, slope) of the logistic
   * recalibration and the calibration-in-the-large intercept. Returns {intercept, slope, offsetIntercept,
   * converged (1/0), {passes over the data}}; groups that do not converge (one class only, separation) get NaN.
   */
  static double[][] fit(
      JavaRDD<ScoreBlock> blocks, int groups, long[] pos, long[] neg, double[][] start) {
    double[] a = start[0].clone();
    double[] b = start[1].clone();
    double[] c = start[2].clone();
    boolean[] done = new boolean[groups];
    for (int g = 0; g < groups; g++) {
      done[g] = pos[g] == 0 || neg[g] == 0;
    }
    boolean[] converged = new boolean[groups];
    int passes = 0;
    for (int iteration = 0; iteration < MAX_NEWTON_ITERATIONS; iteration++) {
      boolean anyOpen = false;
      for (int g = 0; g < groups; g++) {
        anyOpen |= !done[g];
      }
      if (!anyOpen) {
        break;
      }
      boolean[] active = new boolean[groups];
      for (int g = 0; g < groups; g++) {
        active[g] = !done[g];
      }
      double[] s =
          BinaryMetrics.inOrder(blocks.map(new CalibrationStepPass(a, b, c, active)).collect(), r -> r.index)
              .stream()
              .reduce(RecalibrationFit::merge)
              .orElseThrow()
              .sums;
      passes++;
      for (int g = 0; g < groups; g++) {
        if (done[g]) {
          continue;
        }
        int o = g * 7;
        double det = s[o + 2] * s[o + 4] - s[o + 3] * s[o + 3];
        double da = (s[o + 4] * s[o] - s[o + 3] * s[o + 1]) / det;
        double db = (s[o + 2] * s[o + 1] - s[o + 3] * s[o]) / det;
        double dc = s[o + 5] / s[o + 6];
        if (!Double.isFinite(da) || !Double.isFinite(db) || !Double.isFinite(dc)) {
          done[g] = true;
          continue;
        }
        a[g] += da;
        b[g] += db;
        c[g] += dc;
        if (Math.abs(da) + Math.abs(db) + Math.abs(dc) < NEWTON_TOLERANCE) {
          done[g] = true;
          converged[g] = true;
        }
      }
    }
    double[] ok = new double[groups];
    for (int g = 0; g < groups; g++) {
      ok[g] = converged[g] ? 1 : 0;
      if (!converged[g]) {
        a[g] = Double.NaN;
        b[g] = Double.NaN;
        c[g] = Double.NaN;
      }
    }
    return new double[][] {a, b, c, ok, {passes}};
  }

  /**
   * Starting values for the exact fits: the same two models fitted on the driver to the logit bins of the
   * summary pass (each bin at its mean logit). Falls back to (0, 1, 0), the identity, where that fails.
   */
  static double[][] startingPoint(List<SummaryPass.Result> summaries, int groups) {
    int k = SummaryPass.LOGIT_BINS;
    double[] rows = new double[groups * k];
    double[] positives = new double[groups * k];
    double[] sums = new double[groups * k];
    for (SummaryPass.Result r : summaries) {
      for (int i = 0; i < rows.length; i++) {
        rows[i] += r.logitRows[i];
        positives[i] += r.logitPos[i];
        sums[i] += r.logitSum[i];
      }
    }
    double[] a = new double[groups];
    double[] b = new double[groups];
    double[] c = new double[groups];
    for (int g = 0; g < groups; g++) {
      double ag = 0;
      double bg = 1;
      double cg = 0;
      for (int iteration = 0; iteration < MAX_NEWTON_ITERATIONS; iteration++) {
        double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0, gc = 0, hcc = 0;
        for (int i = g * k; i < (g + 1) * k; i++) {
          if (rows[i] == 0) {
            continue;
          }
          double x = sums[i] / rows[i];
          double p = Calibration.sigmoid(ag + bg * x);
          double q = Calibration.sigmoid(cg + x);
          double w = rows[i] * p * (1 - p);
          ga += positives[i] - rows[i] * p;
          gb += (positives[i] - rows[i] * p) * x;
          haa += w;
          hab += w * x;
          hbb += w * x * x;
          gc += positives[i] - rows[i] * q;
          hcc += rows[i] * q * (1 - q);
        }
        double det = haa * hbb - hab * hab;
        double da = (hbb * ga - hab * gb) / det;
        double db = (haa * gb - hab * ga) / det;
        double dc = gc / hcc;
        if (!Double.isFinite(da) || !Double.isFinite(db) || !Double.isFinite(dc)) {
          ag = 0;
          bg = 1;
          cg = 0;
          break;
        }
        ag += da;
        bg += db;
        cg += dc;
        if (Math.abs(da) + Math.abs(db) + Math.abs(dc) < NEWTON_TOLERANCE) {
          break;
        }
      }
      a[g] = ag;
      b[g] = bg;
      c[g] = cg;
    }
    return new double[][] {a, b, c};
  }

  private static CalibrationStepPass.Result merge(CalibrationStepPass.Result x, CalibrationStepPass.Result y) {
    x.add(y);
    return x;
  }
}
