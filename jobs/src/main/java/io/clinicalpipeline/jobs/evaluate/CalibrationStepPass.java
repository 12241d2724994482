package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;

/**
 * One Newton (IRLS) step's sufficient statistics for each group's logistic recalibration, summed over a
 * block: gradient and Hessian of the log-likelihood of {@code logit P(y=1) = a + b logit(score)} at the
 * current (a, b), and of {@code logit P(y=1) = c + logit(score)} (calibration-in-the-large: the score as an
 * offset) at the current c.
 */
final class CalibrationStepPass implements Function<ScoreBlock, CalibrationStepPass.Result> {

  private static final long serialVersionUID = 1L;

  private final double[] intercept;
  private final double[] slope;
  private final double[] offsetIntercept;

  private final boolean[] active;

  CalibrationStepPass(double[] intercept, double[] slope, double[] offsetIntercept, boolean[] active) {
    this.intercept = intercept.clone();
    this.slope = slope.clone();
    this.offsetIntercept = offsetIntercept.clone();
    this.active = active.clone();
  }

  /** Sums per group: index [group * 7 + k], k = gA, gB, hAA, hAB, hBB, gC, hCC. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    int index;
    double[] sums;

    void add(Result other) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.sums[i];
      }
    }
  }

  @Override
  public Result call(ScoreBlock block) {
    int groups = intercept.length;
    int a = block.attributes;
    Result r = new Result();
    r.index = block.index;
    r.sums = new double[groups * 7];
    double[] s = r.sums;
    double[] expOffset = new double[groups];
    for (int g = 0; g < groups; g++) {
      expOffset[g] = Math.exp(offsetIntercept[g]);
    }
    for (int row = 0; row < block.size(); row++) {
      double x = block.logit[row];
      double y = block.label[row];
      for (int k = 0; k <= a; k++) {
        int grp = block.group(row, k);
        if (!active[grp]) {
          continue;
        }
        double p = Calibration.sigmoid(intercept[grp] + slope[grp] * x);
        double w = p * (1 - p);
        // sigmoid(c + logit(s)) without a second exp: s e^c / (s e^c + 1 - s), s clipped like logit's.
        double se = Calibration.clip(block.score[row]) * expOffset[grp];
        double q = se / (se + 1 - Calibration.clip(block.score[row]));
        int o = grp * 7;
        s[o] += y - p;
        s[o + 1] += (y - p) * x;
        s[o + 2] += w;
        s[o + 3] += w * x;
        s[o + 4] += w * x * x;
        s[o + 5] += y - q;
        s[o + 6] += q * (1 - q);
      }
    }
    return r;
  }
}
