package io.clinicalpipeline.jobs.evaluate;

import java.util.List;

/**
 * Everything measured for one model on the test set. Curves are in descending threshold order, starting
 * after the (0, 0) point; {@code curveStride} > 1 means every stride-th distinct score was kept.
 */
record ModelMetrics(
    GroupMetrics overall,
    List<GroupMetrics> subgroups,
    long distinctScores,
    long curveStride,
    List<RankPass.Point> curve,
    List<ThresholdMetrics> thresholds,
    ThresholdMetrics decision,
    ThresholdMetrics youden,
    double youdenJ,
    List<ThresholdMetrics> netBenefit,
    List<ReliabilityBin> reliability,
    double e50,
    double e90,
    Bootstrap bootstrap) {

  /** One bin of the 10-bin reliability table. */
  record ReliabilityBin(double lower, double upper, long n, long positives, double meanPredicted) {
    double observed() {
      return n == 0 ? Double.NaN : (double) positives / n;
    }
  }

  /**
   * Replicate values: AUROC exact per replicate, average precision from rank bins shifted by the binning's
   * effect on the point estimate ({@code apBinningShift}).
   */
  record Bootstrap(double[] auroc, double[] averagePrecision, double apBinningShift) {}
}
