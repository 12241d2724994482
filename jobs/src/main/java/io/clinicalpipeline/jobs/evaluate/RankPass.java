package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/**
 * Second pass over a block, from its highest score down, knowing how many positives and negatives of each
 * group lie in the blocks above: average precision per group (scikit-learn's definition, one term per
 * distinct score: the recall gained times the precision there), the best Youden point, and the points of the
 * ROC and precision-recall curves (every {@code stride}-th distinct score from the top, and the last).
 */
final class RankPass implements Function<ScoreBlock, RankPass.Result> {

  private static final long serialVersionUID = 1L;

  private final int groupCount;
  /** [block][group]: positives and negatives in blocks with higher scores. */
  private final long[][] posAbove;
  private final long[][] negAbove;
  /** [block]: distinct scores in blocks with higher scores. */
  private final long[] runsAbove;
  private final long[] positives;
  private final long[] negatives;
  private final long totalRuns;
  private final long stride;

  RankPass(
      int groupCount,
      long[][] posAbove,
      long[][] negAbove,
      long[] runsAbove,
      long[] positives,
      long[] negatives,
      long totalRuns,
      long stride) {
    this.groupCount = groupCount;
    this.posAbove = posAbove;
    this.negAbove = negAbove;
    this.runsAbove = runsAbove;
    this.positives = positives;
    this.negatives = negatives;
    this.totalRuns = totalRuns;
    this.stride = stride;
  }

  /** A point of the curves: predicted positive when score >= threshold. */
  record Point(double threshold, long tp, long fp) implements Serializable {}

  /** The aggregates of one block. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    int index;
    double[] averagePrecision;
    double bestJ = Double.NEGATIVE_INFINITY;
    Point best;
    List<Point> curve = new ArrayList<>();
  }

  @Override
  public Result call(ScoreBlock block) {
    int g = groupCount;
    int a = block.attributes;
    int p = block.index;
    Result r = new Result();
    r.index = p;
    r.averagePrecision = new double[g];
    long[] tp = posAbove[p].clone();
    long[] fp = negAbove[p].clone();
    long[] runPos = new long[g];
    TouchedGroups touched = new TouchedGroups(g);
    long run = runsAbove[p];
    int end = block.size();
    while (end > 0) {
      int start = block.runStart(end);
      for (int row = start; row < end; row++) {
        boolean positive = block.label[row] == 1;
        for (int k = 0; k <= a; k++) {
          int grp = block.group(row, k);
          touched.add(grp);
          if (positive) {
            runPos[grp]++;
            tp[grp]++;
          } else {
            fp[grp]++;
          }
        }
      }
      for (int t = 0; t < touched.size(); t++) {
        int grp = touched.get(t);
        if (runPos[grp] > 0) {
          r.averagePrecision[grp] +=
              ((double) runPos[grp] / positives[grp]) * ((double) tp[grp] / (tp[grp] + fp[grp]));
        }
        runPos[grp] = 0;
      }
      touched.clear();
      double threshold = block.score[start];
      double j = (double) tp[0] / positives[0] - (double) fp[0] / negatives[0];
      if (j > r.bestJ) {
        r.bestJ = j;
        r.best = new Point(threshold, tp[0], fp[0]);
      }
      if ((run + 1) % stride == 0 || run == totalRuns - 1) {
        r.curve.add(new Point(threshold, tp[0], fp[0]));
      }
      run++;
      end = start;
    }
    return r;
  }
}
