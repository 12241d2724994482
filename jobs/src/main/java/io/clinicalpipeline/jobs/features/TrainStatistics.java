package io.clinicalpipeline.jobs.features;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Per-feature statistics of the training split in one pass: rows, non-null values, mean, sample standard
 * deviation, min and max. Each partition folds its rows into one small summary (Welford's running mean and
 * squared deviations); the driver merges the summaries in partition order (Chan et al.), so the same
 * partitioning gives the same figures. Only the summaries, one per partition, reach the driver.
 */
final class TrainStatistics implements Serializable {

  private static final long serialVersionUID = 1L;

  long rows;
  final long[] nonNull;
  final double[] mean;
  final double[] m2;
  final double[] min;
  final double[] max;

  TrainStatistics(int features) {
    nonNull = new long[features];
    mean = new double[features];
    m2 = new double[features];
    min = new double[features];
    max = new double[features];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Adds one row: {@code fixed} numeric columns, then an array with the remaining features. */
  void add(Row r, int fixed) {
    rows++;
    List<Object> rest = r.isNullAt(fixed) ? List.of() : r.getList(fixed);
    for (int i = 0; i < nonNull.length; i++) {
      Object v = i < fixed ? r.get(i) : (i - fixed < rest.size() ? rest.get(i - fixed) : null);
      if (v == null) {
        continue;
      }
      double x = ((Number) v).doubleValue();
      long n = ++nonNull[i];
      double delta = x - mean[i];
      mean[i] += delta / n;
      m2[i] += delta * (x - mean[i]);
      min[i] = Math.min(min[i], x);
      max[i] = Math.max(max[i], x);
    }
  }

  void merge(TrainStatistics o) {
    rows += o.rows;
    for (int i = 0; i < nonNull.length; i++) {
      long na = nonNull[i];
      long nb = o.nonNull[i];
      if (nb == 0) {
        continue;
      }
      long n = na + nb;
      double delta = o.mean[i] - mean[i];
      mean[i] += delta * nb / n;
      m2[i] += o.m2[i] + delta * delta * ((double) na * nb / n);
      nonNull[i] = n;
      min[i] = Math.min(min[i], o.min[i]);
      max[i] = Math.max(max[i], o.max[i]);
    }
  }

  /** The mean of feature {@code i}, or null without values. */
  Double mean(int i) {
    return nonNull[i] == 0 ? null : mean[i];
  }

  /** The sample standard deviation of feature {@code i}, or null with fewer than two values. */
  Double std(int i) {
    return nonNull[i] < 2 ? null : Math.sqrt(Math.max(0.0, m2[i]) / (nonNull[i] - 1));
  }

  Double min(int i) {
    return nonNull[i] == 0 ? null : min[i];
  }

  Double max(int i) {
    return nonNull[i] == 0 ? null : max[i];
  }

  /** Folds a partition of feature rows ({@code fixed} columns, then the array of the rest) into one summary. */
  static final class Partition implements FlatMapFunction<Iterator<Row>, TrainStatistics> {
    private static final long serialVersionUID = 1L;
    private final int features;
    private final int fixed;

    Partition(int features, int fixed) {
      this.features = features;
      this.fixed = fixed;
    }

    @Override
    public Iterator<TrainStatistics> call(Iterator<Row> rows) {
      TrainStatistics s = new TrainStatistics(features);
      rows.forEachRemaining(r -> s.add(r, fixed));
      return List.of(s).iterator();
    }
  }
}
