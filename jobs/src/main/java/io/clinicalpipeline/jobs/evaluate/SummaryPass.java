package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.function.Function;

/**
 * First pass over a block: per group the class counts, twice the within-block concordant pairs (ties count
 * one half, so twice is an integer), Brier and log-loss sums; for the whole set the counts per bucket of the
 * threshold grid and per reliability bin. Everything is a sum over rows except the concordance, whose
 * cross-block part the driver adds from the counts (blocks are ordered ranges of scores).
 */
final class SummaryPass implements Function<ScoreBlock, SummaryPass.Result> {

  private static final long serialVersionUID = 1L;

  static final int RELIABILITY_BINS = 10;

  /**
   * Bins of logit(score) over [-LOGIT_RANGE, LOGIT_RANGE] (outside: the end bins) whose counts and sums
   * give the recalibration fits a starting point close enough that two or three exact Newton passes finish.
   */
  static final int LOGIT_BINS = 2000;

  static final double LOGIT_RANGE = 10;

  private final int groupCount;
  private final double[] grid;

  SummaryPass(int groupCount, double[] grid) {
    this.groupCount = groupCount;
    this.grid = grid.clone();
  }

  /** The aggregates of one block. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    int index;
    long rows;
    long runs;
    long[] pos;
    long[] neg;
    long[] concordance2;
    double[] brier;
    double[] logLoss;
    double[] scoreSum;
    /** bucket i holds scores with exactly i grid thresholds at or below them. */
    long[] gridPos;
    long[] gridNeg;
    long[] binRows;
    long[] binPos;
    double[] binScore;
    /** [group * LOGIT_BINS + bin]: rows, positives, sum of logit(score). */
    double[] logitRows;
    double[] logitPos;
    double[] logitSum;
  }

  @Override
  public Result call(ScoreBlock block) {
    int g = groupCount;
    int a = block.attributes;
    Result r = new Result();
    r.index = block.index;
    r.rows = block.size();
    r.pos = new long[g];
    r.neg = new long[g];
    r.concordance2 = new long[g];
    r.brier = new double[g];
    r.logLoss = new double[g];
    r.scoreSum = new double[g];
    r.gridPos = new long[grid.length + 1];
    r.gridNeg = new long[grid.length + 1];
    r.binRows = new long[RELIABILITY_BINS];
    r.binPos = new long[RELIABILITY_BINS];
    r.binScore = new double[RELIABILITY_BINS];
    r.logitRows = new double[g * LOGIT_BINS];
    r.logitPos = new double[g * LOGIT_BINS];
    r.logitSum = new double[g * LOGIT_BINS];
    long[] negBelow = new long[g];
    long[] runPos = new long[g];
    long[] runNeg = new long[g];
    TouchedGroups touched = new TouchedGroups(g);
    int i = 0;
    int n = block.size();
    while (i < n) {
      int end = block.runEnd(i);
      r.runs++;
      double s = block.score[i];
      double c = Calibration.clip(s);
      int bucket = upperBound(grid, s);
      int bin = reliabilityBin(s);
      double x = block.logit[i];
      int logitBin = (int) Math.max(0, Math.min(LOGIT_BINS - 1, Math.floor((x + LOGIT_RANGE) / (2 * LOGIT_RANGE) * LOGIT_BINS)));
      for (int row = i; row < end; row++) {
        boolean positive = block.label[row] == 1;
        double brier = positive ? (1 - s) * (1 - s) : s * s;
        double logLoss = positive ? -Math.log(c) : -Math.log(1 - c);
        for (int k = 0; k <= a; k++) {
          int grp = block.group(row, k);
          touched.add(grp);
          if (positive) {
            runPos[grp]++;
          } else {
            runNeg[grp]++;
          }
          int lb = grp * LOGIT_BINS + logitBin;
          r.logitRows[lb]++;
          r.logitSum[lb] += x;
          if (positive) {
            r.logitPos[lb]++;
          }
          r.brier[grp] += brier;
          r.logLoss[grp] += logLoss;
          r.scoreSum[grp] += s;
        }
        if (positive) {
          r.gridPos[bucket]++;
          r.binPos[bin]++;
        } else {
          r.gridNeg[bucket]++;
        }
        r.binRows[bin]++;
        r.binScore[bin] += s;
      }
      for (int t = 0; t < touched.size(); t++) {
        int grp = touched.get(t);
        r.concordance2[grp] += runPos[grp] * (2 * negBelow[grp] + runNeg[grp]);
        negBelow[grp] += runNeg[grp];
        r.pos[grp] += runPos[grp];
        r.neg[grp] += runNeg[grp];
        runPos[grp] = 0;
        runNeg[grp] = 0;
      }
      touched.clear();
      i = end;
    }
    return r;
  }

  /** Number of grid values at or below {@code s}. */
  static int upperBound(double[] grid, double s) {
    int lo = 0;
    int hi = grid.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (grid[mid] <= s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The reliability bin of a score: the number of interior edges k/10 strictly below it, as scikit-learn's
   * {@code calibration_curve(strategy="uniform")} assigns it (a score equal to an edge falls in the lower bin).
   */
  static int reliabilityBin(double s) {
    int bin = 0;
    for (int k = 1; k < RELIABILITY_BINS; k++) {
      if (k * (1.0 / RELIABILITY_BINS) < s) {
        bin = k;
      }
    }
    return bin;
  }

  static long[] sum(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length);
    for (int i = 0; i < b.length; i++) {
      out[i] += b[i];
    }
    return out;
  }
}
