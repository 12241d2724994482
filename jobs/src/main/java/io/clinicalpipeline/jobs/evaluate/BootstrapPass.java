package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;

/**
 * The Poisson bootstrap over a block: every row gets a weight per replicate from {@link PoissonWeights}.
 *
 * <p>AUROC per replicate is exact: the block's weighted concordance (ties one half) is summed here, the
 * cross-block part is added by the driver from the weighted class totals. Average precision per replicate
 * needs the weighted counts above every score, which do not decompose by block; it is computed from
 * weighted class counts per rank bin instead: {@code bins} bins of about equal row count over the global
 * ascending rank, a run of tied scores always whole in the bin of its first row. The bins are summed here
 * and the driver runs the precision-recall sum over them; the unweighted bin counts come along so the
 * driver can measure the binning's effect on the point estimate.
 */
final class BootstrapPass implements Function<ScoreBlock, BootstrapPass.Result> {

  private static final long serialVersionUID = 1L;

  private final int replicates;
  private final long seed;
  private final int bins;
  private final long[] rowsBelow;
  private final long totalRows;

  BootstrapPass(int replicates, long seed, int bins, long[] rowsBelow, long totalRows) {
    this.replicates = replicates;
    this.seed = seed;
    this.bins = bins;
    this.rowsBelow = rowsBelow.clone();
    this.totalRows = totalRows;
  }

  /** The aggregates of one block; bin arrays hold bins binLow..binHigh, replicate-major within a bin. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    int index;
    double[] positives;
    double[] negatives;
    double[] concordance;
    int binLow;
    int binHigh;
    double[] binPos;
    double[] binNeg;
    long[] binPos1;
    long[] binNeg1;
  }

  int binOf(long rank) {
    return (int) Math.min(bins - 1, rank * bins / Math.max(1, totalRows));
  }

  @Override
  public Result call(ScoreBlock block) {
    int b = replicates;
    int n = block.size();
    Result r = new Result();
    r.index = block.index;
    r.positives = new double[b];
    r.negatives = new double[b];
    r.concordance = new double[b];
    long below = rowsBelow[block.index];
    r.binLow = n == 0 ? 0 : binOf(below);
    r.binHigh = n == 0 ? -1 : binOf(below + n - 1);
    int width = r.binHigh - r.binLow + 1;
    r.binPos = new double[width * b];
    r.binNeg = new double[width * b];
    r.binPos1 = new long[width];
    r.binNeg1 = new long[width];
    double[] runPos = new double[b];
    double[] runNeg = new double[b];
    double[] negBelow = r.negatives;
    double[] conc = r.concordance;
    double[] pos = r.positives;
    int[] w = new int[b];
    int i = 0;
    while (i < n) {
      int end = block.runEnd(i);
      int bin = binOf(below + i) - r.binLow;
      int o = bin * b;
      if (end == i + 1) {
        // A score no other row shares (the common case): no tie bookkeeping.
        PoissonWeights.fill(PoissonWeights.rowBase(seed, block.key[i]), w);
        if (block.label[i] == 1) {
          r.binPos1[bin]++;
          for (int k = 0; k < b; k++) {
            double x = w[k];
            conc[k] += x * negBelow[k];
            pos[k] += x;
            r.binPos[o + k] += x;
          }
        } else {
          r.binNeg1[bin]++;
          for (int k = 0; k < b; k++) {
            double x = w[k];
            negBelow[k] += x;
            r.binNeg[o + k] += x;
          }
        }
        i = end;
        continue;
      }
      for (int row = i; row < end; row++) {
        PoissonWeights.fill(PoissonWeights.rowBase(seed, block.key[row]), w);
        double[] target = block.label[row] == 1 ? runPos : runNeg;
        for (int k = 0; k < b; k++) {
          target[k] += w[k];
        }
        if (block.label[row] == 1) {
          r.binPos1[bin]++;
        } else {
          r.binNeg1[bin]++;
        }
      }
      for (int k = 0; k < b; k++) {
        double rp = runPos[k];
        double rn = runNeg[k];
        conc[k] += rp * (negBelow[k] + 0.5 * rn);
        negBelow[k] += rn;
        pos[k] += rp;
        r.binPos[o + k] += rp;
        r.binNeg[o + k] += rn;
        runPos[k] = 0;
        runNeg[k] = 0;
      }
      i = end;
    }
    return r;
  }
}
