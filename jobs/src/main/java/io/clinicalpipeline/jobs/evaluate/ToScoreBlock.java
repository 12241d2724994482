package io.clinicalpipeline.jobs.evaluate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * Turns one sorted partition of rows {@code (score, label, row_key, group_1..group_A)} into exactly one
 * {@link ScoreBlock} (empty partitions give empty blocks, so block i is partition i).
 */
final class ToScoreBlock implements Function2<Integer, Iterator<Row>, Iterator<ScoreBlock>> {

  private static final long serialVersionUID = 1L;

  private final int attributes;

  ToScoreBlock(int attributes) {
    this.attributes = attributes;
  }

  @Override
  public Iterator<ScoreBlock> call(Integer index, Iterator<Row> rows) {
    int capacity = 1024;
    double[] score = new double[capacity];
    byte[] label = new byte[capacity];
    long[] key = new long[capacity];
    short[] groups = new short[capacity * attributes];
    int n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (n == capacity) {
        capacity = capacity * 2;
        score = Arrays.copyOf(score, capacity);
        label = Arrays.copyOf(label, capacity);
        key = Arrays.copyOf(key, capacity);
        groups = Arrays.copyOf(groups, capacity * attributes);
      }
      score[n] = r.getDouble(0);
      label[n] = (byte) r.getInt(1);
      key[n] = r.getLong(2);
      for (int a = 0; a < attributes; a++) {
        groups[n * attributes + a] = (short) r.getInt(3 + a);
      }
      n++;
    }
    ScoreBlock block =
        new ScoreBlock(
            index,
            Arrays.copyOf(score, n),
            Arrays.copyOf(label, n),
            Arrays.copyOf(key, n),
            Arrays.copyOf(groups, n * attributes),
            attributes);
    return List.of(block).iterator();
  }
}
