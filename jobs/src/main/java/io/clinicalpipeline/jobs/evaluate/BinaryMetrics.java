package io.clinicalpipeline.jobs.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes a model's metrics on the executors and combines fixed-size aggregates on the driver; no row
 * leaves the executors.
 *
 * <p>The scored rows are range-partitioned by score and sorted within partitions, then held as primitive
 * {@link ScoreBlock}s. Because blocks are ordered, disjoint score ranges, every rank statistic decomposes:
 * a block's concordant pairs with the blocks below it are its positives times their negatives, and the
 * counts above a block are sums over the blocks above. Passes: a summary (counts, within-block
 * concordance, Brier, log loss, grid and reliability counts), a rank pass from the top (average precision,
 * Youden point, curves), Newton steps for the logistic recalibrations, the calibration-error pass, and the
 * bootstrap.
 */
final class BinaryMetrics {

  private BinaryMetrics() {}

  /**
   * {@code scored}: columns score (double), label (int 0/1), row_key (long), then one int column per
   * subgroup attribute holding the row's group index.
   */
  static ModelMetrics evaluate(Dataset<Row> scored, SubgroupIndex index, MetricSettings settings) {
    JavaRDD<ScoreBlock> blocks =
        ScoreBlocks.of(scored, index.attributes().size(), settings.partitions())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return evaluate(blocks, index, settings, new PassTimer());
    } finally {
      blocks.unpersist(false);
    }
  }

  /** From one model's sorted blocks ({@link ScoreBlocks}), which the caller persists. */
  static ModelMetrics evaluate(
      JavaRDD<ScoreBlock> blocks, SubgroupIndex index, MetricSettings settings, PassTimer timer) {
    int groups = index.groupCount();
    double[] grid = settings.grid();
    List<SummaryPass.Result> summaries = blocks.map(new SummaryPass(groups, grid)).collect();
    summaries = inOrder(summaries, r -> r.index);
    timer.lap("summary pass (with the range shuffle and sort)");
    int p = summaries.size();

    long[] pos = new long[groups];
    long[] neg = new long[groups];
    long[] concordance2 = new long[groups];
    double[] brier = new double[groups];
    double[] logLoss = new double[groups];
    double[] scoreSum = new double[groups];
    long[][] posAbove = new long[p][groups];
    long[][] negAbove = new long[p][groups];
    long[] runsAbove = new long[p];
    long[] rowsBelow = new long[p];
    long totalRuns = 0;
    long totalRows = 0;
    for (int b = 0; b < p; b++) {
      SummaryPass.Result r = summaries.get(b);
      rowsBelow[b] = totalRows;
      totalRows += r.rows;
      totalRuns += r.runs;
      for (int g = 0; g < groups; g++) {
        concordance2[g] += r.concordance2[g] + 2 * r.pos[g] * neg[g];
        pos[g] += r.pos[g];
        neg[g] += r.neg[g];
        brier[g] += r.brier[g];
        logLoss[g] += r.logLoss[g];
        scoreSum[g] += r.scoreSum[g];
      }
    }
    long runs = 0;
    long[] posRunning = new long[groups];
    long[] negRunning = new long[groups];
    for (int b = p - 1; b >= 0; b--) {
      SummaryPass.Result r = summaries.get(b);
      runsAbove[b] = runs;
      posAbove[b] = posRunning.clone();
      negAbove[b] = negRunning.clone();
      runs += r.runs;
      for (int g = 0; g < groups; g++) {
        posRunning[g] += r.pos[g];
        negRunning[g] += r.neg[g];
      }
    }

    long stride = Math.max(1, (totalRuns + settings.curvePoints() - 1) / settings.curvePoints());
    List<RankPass.Result> ranks =
        inOrder(
            blocks
                .map(new RankPass(groups, posAbove, negAbove, runsAbove, pos, neg, totalRuns, stride))
                .collect(),
            r -> r.index);
    timer.lap("rank pass");
    double[] averagePrecision = new double[groups];
    List<RankPass.Point> curve = new ArrayList<>();
    RankPass.Point best = null;
    double bestJ = Double.NEGATIVE_INFINITY;
    for (int b = p - 1; b >= 0; b--) {
      RankPass.Result r = ranks.get(b);
      for (int g = 0; g < groups; g++) {
        averagePrecision[g] += r.averagePrecision[g];
      }
      curve.addAll(r.curve);
      if (r.best != null && r.bestJ > bestJ) {
        bestJ = r.bestJ;
        best = r.best;
      }
    }

    double[][] start = RecalibrationFit.startingPoint(summaries, groups);
    double[][] fit = RecalibrationFit.fit(blocks, groups, pos, neg, start);
    double[] intercept = fit[0];
    double[] slope = fit[1];
    double[] offsetIntercept = fit[2];
    boolean[] converged = new boolean[groups];
    for (int g = 0; g < groups; g++) {
      converged[g] = fit[3][g] == 1;
    }
    CalibrationErrorPass.Result errors =
        inOrder(blocks.map(new CalibrationErrorPass(intercept, slope)).collect(), r -> r.index)
            .stream()
            .reduce(BinaryMetrics::merge)
            .orElseThrow();
    timer.lap("calibration fits (" + (int) fit[4][0] + " Newton passes) and errors");

    List<GroupMetrics> all = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      long n = pos[g] + neg[g];
      String[] name = g == 0 ? new String[] {null, null} : index.describe(g);
      boolean bothClasses = pos[g] > 0 && neg[g] > 0;
      all.add(
          new GroupMetrics(
              name[0],
              name[1],
              n,
              pos[g],
              bothClasses ? concordance2[g] / (2.0 * pos[g] * neg[g]) : Double.NaN,
              pos[g] > 0 ? averagePrecision[g] : Double.NaN,
              n > 0 ? brier[g] / n : Double.NaN,
              n > 0 ? logLoss[g] / n : Double.NaN,
              n > 0 ? scoreSum[g] / n : Double.NaN,
              offsetIntercept[g],
              intercept[g],
              slope[g],
              converged[g],
              converged[g] && n > 0 ? errors.sum[g] / n : Double.NaN,
              converged[g] && n > 0 ? errors.max[g] : Double.NaN));
    }

    long[] gridPos = new long[grid.length + 1];
    long[] gridNeg = new long[grid.length + 1];
    long[] binRows = new long[SummaryPass.RELIABILITY_BINS];
    long[] binPos = new long[SummaryPass.RELIABILITY_BINS];
    double[] binScore = new double[SummaryPass.RELIABILITY_BINS];
    for (SummaryPass.Result r : summaries) {
      for (int i = 0; i <= grid.length; i++) {
        gridPos[i] += r.gridPos[i];
        gridNeg[i] += r.gridNeg[i];
      }
      for (int i = 0; i < SummaryPass.RELIABILITY_BINS; i++) {
        binRows[i] += r.binRows[i];
        binPos[i] += r.binPos[i];
        binScore[i] += r.binScore[i];
      }
    }
    List<ThresholdMetrics> atGrid = new ArrayList<>();
    for (int k = 0; k < grid.length; k++) {
      long tp = 0;
      long fp = 0;
      for (int i = k + 1; i <= grid.length; i++) {
        tp += gridPos[i];
        fp += gridNeg[i];
      }
      atGrid.add(ThresholdMetrics.of(grid[k], tp, fp, pos[0], neg[0]));
    }
    List<ModelMetrics.ReliabilityBin> reliability = new ArrayList<>();
    for (int i = 0; i < SummaryPass.RELIABILITY_BINS; i++) {
      reliability.add(
          new ModelMetrics.ReliabilityBin(
              i / 10.0, (i + 1) / 10.0, binRows[i], binPos[i], binRows[i] == 0 ? Double.NaN : binScore[i] / binRows[i]));
    }

    ModelMetrics.Bootstrap bootstrap =
        bootstrap(blocks, settings, rowsBelow, totalRows, averagePrecision[0]);
    timer.lap("bootstrap");

    return new ModelMetrics(
        all.get(0),
        List.copyOf(all.subList(1, all.size())),
        totalRuns,
        stride,
        List.copyOf(curve),
        pick(atGrid, settings.thresholds()),
        pick(atGrid, new double[] {settings.decisionThreshold()}).get(0),
        best == null ? null : ThresholdMetrics.of(best.threshold(), best.tp(), best.fp(), pos[0], neg[0]),
        bestJ,
        pick(atGrid, settings.netBenefitThresholds()),
        List.copyOf(reliability),
        quantile(errors.histogram, 0.5),
        quantile(errors.histogram, 0.9),
        bootstrap);
  }

  private static ModelMetrics.Bootstrap bootstrap(
      JavaRDD<ScoreBlock> blocks, MetricSettings settings, long[] rowsBelow, long totalRows, double exactAp) {
    int replicates = settings.replicates();
    if (replicates == 0) {
      return new ModelMetrics.Bootstrap(new double[0], new double[0], 0);
    }
    int bins = settings.bootstrapBins();
    List<BootstrapPass.Result> results =
        inOrder(
            blocks
                .map(new BootstrapPass(replicates, settings.seed(), bins, rowsBelow, totalRows))
                .collect(),
            r -> r.index);
    double[] positives = new double[replicates];
    double[] negatives = new double[replicates];
    double[] concordance = new double[replicates];
    double[][] binPos = new double[bins][replicates];
    double[][] binNeg = new double[bins][replicates];
    long[] binPos1 = new long[bins];
    long[] binNeg1 = new long[bins];
    for (BootstrapPass.Result r : results) {
      for (int k = 0; k < replicates; k++) {
        concordance[k] += r.concordance[k] + r.positives[k] * negatives[k];
        positives[k] += r.positives[k];
        negatives[k] += r.negatives[k];
      }
      for (int bin = r.binLow; bin <= r.binHigh; bin++) {
        int o = (bin - r.binLow) * replicates;
        for (int k = 0; k < replicates; k++) {
          binPos[bin][k] += r.binPos[o + k];
          binNeg[bin][k] += r.binNeg[o + k];
        }
        binPos1[bin] += r.binPos1[bin - r.binLow];
        binNeg1[bin] += r.binNeg1[bin - r.binLow];
      }
    }
    double[] auroc = new double[replicates];
    double[] ap = new double[replicates];
    double shift = exactAp - binnedAp(binPos1, binNeg1);
    for (int k = 0; k < replicates; k++) {
      auroc[k] = concordance[k] / (positives[k] * negatives[k]);
      double tp = 0;
      double fp = 0;
      double sum = 0;
      for (int bin = bins - 1; bin >= 0; bin--) {
        tp += binPos[bin][k];
        fp += binNeg[bin][k];
        if (binPos[bin][k] > 0) {
          sum += binPos[bin][k] / positives[k] * (tp / (tp + fp));
        }
      }
      ap[k] = positives[k] > 0 ? sum + shift : Double.NaN;
    }
    return new ModelMetrics.Bootstrap(auroc, ap, shift);
  }

  private static double binnedAp(long[] binPos, long[] binNeg) {
    long positives = 0;
    for (long v : binPos) {
      positives += v;
    }
    double tp = 0;
    double fp = 0;
    double sum = 0;
    for (int bin = binPos.length - 1; bin >= 0; bin--) {
      tp += binPos[bin];
      fp += binNeg[bin];
      if (binPos[bin] > 0) {
        sum += (double) binPos[bin] / positives * (tp / (tp + fp));
      }
    }
    return sum;
  }

  /** The histogram bin midpoint at which the cumulative count reaches {@code q} of the total. */
  private static double quantile(long[] histogram, double q) {
    long total = 0;
    for (long v : histogram) {
      total += v;
    }
    if (total == 0) {
      return Double.NaN;
    }
    long cumulative = 0;
    for (int i = 0; i < histogram.length; i++) {
      cumulative += histogram[i];
      if (cumulative >= q * total) {
        return (i + 0.5) / histogram.length;
      }
    }
    return 1;
  }

  private static List<ThresholdMetrics> pick(List<ThresholdMetrics> atGrid, double[] thresholds) {
    List<ThresholdMetrics> out = new ArrayList<>();
    for (double t : thresholds) {
      atGrid.stream().filter(m -> m.threshold() == t).findFirst().ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  private static CalibrationErrorPass.Result merge(CalibrationErrorPass.Result x, CalibrationErrorPass.Result y) {
    x.add(y);
    return x;
  }

  /**
   * Block results in block order: sums of doubles then always add up in the same order, so the same input
   * gives byte-identical outputs (RDD.reduce would merge in task completion order).
   */
  static <T> List<T> inOrder(List<T> results, java.util.function.ToIntFunction<T> index) {
    List<T> copy = new ArrayList<>(results);
    copy.sort(Comparator.comparingInt(index));
    return copy;
  }
}
