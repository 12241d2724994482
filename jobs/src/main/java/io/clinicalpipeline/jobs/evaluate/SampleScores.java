package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One scan of rows {@code (row_key, score_1..score_S, attribute_1..attribute_L)} as Catalyst internal rows:
 * a sample of each score column to place the range boundaries, and the distinct values of each (string,
 * non-null) attribute column. The sample is, per partition, the {@code size} rows with the smallest row keys;
 * the driver keeps the {@code size} smallest over all partitions, so it is a pure function of the rows
 * (keys are hashes of row ids), whatever the partitioning: the same input gives the same boundaries, blocks
 * and sums. Only the boundaries depend on the sample, never a metric.
 */
final class SampleScores implements FlatMapFunction<Iterator<InternalRow>, SampleScores.Result> {

  private static final long serialVersionUID = 1L;

  /** Distinct values per attribute looked up by a linear scan up to this many; a hash set beyond. */
  private static final int SMALL = 16;

  private final int size;
  private final int scores;
  private final int attributes;

  SampleScores(int size, int scores, int attributes) {
    this.size = size;
    this.scores = scores;
    this.attributes = attributes;
  }

  /** The sampled rows' keys and scores (ascending by key), and each attribute's distinct values. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    long[] key;
    double[][] score;
    List<List<String>> levels;
  }

  @Override
  public Iterator<Result> call(Iterator<InternalRow> rows) {
    long[] key = new long[2 * size];
    double[][] score = new double[scores][2 * size];
    List<List<UTF8String>> seen = new ArrayList<>();
    List<Set<UTF8String>> seenSet = new ArrayList<>();
    for (int a = 0; a < attributes; a++) {
      seen.add(new ArrayList<>());
      seenSet.add(new HashSet<>());
    }
    int n = 0;
    long threshold = Long.MAX_VALUE;
    boolean full = false;
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      for (int a = 0; a < attributes; a++) {
        note(r.getUTF8String(1 + scores + a), seen.get(a), seenSet.get(a));
      }
      long k = r.getLong(0);
      if (full && k > threshold) {
        continue;
      }
      key[n] = k;
      for (int s = 0; s < scores; s++) {
        score[s][n] = r.getDouble(1 + s) + 0.0;
      }
      n++;
      if (n == key.length) {
        n = keepSmallest(key, score, n, size);
        threshold = key[n - 1];
        full = true;
      }
    }
    n = keepSmallest(key, score, n, size);
    Result out = new Result();
    out.key = Arrays.copyOf(key, n);
    out.score = new double[scores][];
    for (int s = 0; s < scores; s++) {
      out.score[s] = Arrays.copyOf(score[s], n);
    }
    out.levels = new ArrayList<>();
    for (List<UTF8String> l : seen) {
      out.levels.add(l.stream().map(UTF8String::toString).toList());
    }
    return List.of(out).iterator();
  }

  private static void note(UTF8String value, List<UTF8String> list, Set<UTF8String> set) {
    if (list.size() <= SMALL) {
      for (UTF8String v : list) {
        if (v.equals(value)) {
          return;
        }
      }
    } else if (set.contains(value)) {
      return;
    }
    // The row's bytes are reused for the next row: keep a copy.
    UTF8String copy = value.clone();
    list.add(copy);
    set.add(copy);
  }

  /**
   * Orders the first {@code n} entries by key (ties by the first score column) and keeps the first
   * {@code keep}; returns how many remain.
   */
  static int keepSmallest(long[] key, double[][] score, int n, int keep) {
    int[] position = new int[n];
    long[] first = new long[n];
    for (int i = 0; i < n; i++) {
      position[i] = i;
      first[i] = score.length == 0 ? 0 : ScoreOrder.sortable(score[0][i]);
    }
    ScoreOrder.sort(first, position);
    long[] byKey = new long[n];
    for (int i = 0; i < n; i++) {
      byKey[i] = key[position[i]];
    }
    ScoreOrder.sort(byKey, position);
    int m = Math.min(n, keep);
    System.arraycopy(byKey, 0, key, 0, m);
    for (double[] column : score) {
      double[] copy = Arrays.copyOf(column, n);
      for (int i = 0; i < m; i++) {
        column[i] = copy[position[i]];
      }
    }
    return m;
  }

  /**
   * The partitions' results merged: the {@code size} smallest keys over all with their scores, and each
   * attribute's values sorted.
   */
  static Result merge(List<Result> parts, int size, int scores, int attributes) {
    int total = parts.stream().mapToInt(r -> r.key.length).sum();
    long[] key = new long[total];
    double[][] score = new double[scores][total];
    List<TreeSet<String>> levels = new ArrayList<>();
    for (int a = 0; a < attributes; a++) {
      levels.add(new TreeSet<>());
    }
    int n = 0;
    for (Result r : parts) {
      System.arraycopy(r.key, 0, key, n, r.key.length);
      for (int s = 0; s < scores; s++) {
        System.arraycopy(r.score[s], 0, score[s], n, r.key.length);
      }
      n += r.key.length;
      for (int a = 0; a < attributes; a++) {
        levels.get(a).addAll(r.levels.get(a));
      }
    }
    int m = keepSmallest(key, score, n, size);
    Result out = new Result();
    out.key = Arrays.copyOf(key, m);
    out.score = new double[scores][];
    for (int s = 0; s < scores; s++) {
      out.score[s] = Arrays.copyOf(score[s], m);
    }
    out.levels = levels.stream().map(l -> (List<String>) new ArrayList<>(l)).toList();
    return out;
  }

  /**
   * The {@code partitions - 1} boundaries between equal shares of a sample of scores: a row with score s
   * goes to the number of boundaries at or below s, so tied scores share a partition. Repeated boundaries
   * leave empty partitions.
   */
  static double[] boundaries(double[] sample, int partitions) {
    int m = sample.length;
    if (m == 0) {
      return new double[0];
    }
    double[] sorted = sample.clone();
    Arrays.sort(sorted);
    double[] out = new double[partitions - 1];
    for (int i = 1; i < partitions; i++) {
      out[i - 1] = sorted[(int) ((long) i * m / partitions)];
    }
    return out;
  }

  /** The partition of a score: the number of boundaries at or below it. */
  static int partitionOf(double[] boundaries, double score) {
    return SummaryPass.upperBound(boundaries, score);
  }
}
