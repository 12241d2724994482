package io.clinicalpipeline.jobs.evaluate;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * What to compute: the thresholds for sensitivity/specificity/PPV/NPV/F1, the decision threshold of the
 * SageMaker block's confusion matrix, the net-benefit thresholds, the bootstrap (replicates, seed, rank
 * bins for average precision), the number of range partitions and the most curve points to report.
 */
record MetricSettings(
    double[] thresholds,
    double decisionThreshold,
    double[] netBenefitThresholds,
    int replicates,
    long seed,
    int bootstrapBins,
    int partitions,
    int curvePoints) {

  /** Every threshold any metric needs, ascending, without duplicates. */
  double[] grid() {
    TreeSet<Double> all = new TreeSet<>();
    Arrays.stream(thresholds).forEach(all::add);
    Arrays.stream(netBenefitThresholds).forEach(all::add);
    all.add(decisionThreshold);
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
