package io.clinicalpipeline.jobs.evaluate;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;

/**
 * Map side of the range partitioning: reads rows {@code (score_1..score_M, label, row_key,
 * group_1..group_A)} as Catalyst's internal rows (no conversion to {@code Row}) and packs each row, once per
 * model m, into the {@link ScoreChunk} of its range r of that model's scores; a chunk is emitted as
 * {@code (m * R + r, chunk)} when full (R ranges per model). Memory per task: one open chunk per model and
 * range.
 */
final class ToScoreChunks implements PairFlatMapFunction<Iterator<InternalRow>, Integer, ScoreChunk> {

  private static final long serialVersionUID = 1L;

  static final int CHUNK_ROWS = 1 << 15;

  /** Per model, its {@code R - 1} range boundaries. */
  private final double[][] boundaries;
  private final int attributes;

  ToScoreChunks(List<double[]> boundaries, int attributes) {
    this.boundaries = boundaries.toArray(double[][]::new);
    this.attributes = attributes;
  }

  /** Ranges per model. */
  int ranges() {
    return boundaries[0].length + 1;
  }

  @Override
  public Iterator<Tuple2<Integer, ScoreChunk>> call(Iterator<InternalRow> rows) {
    return new Chunker(rows);
  }

  private final class Chunker implements Iterator<Tuple2<Integer, ScoreChunk>> {
    private final Iterator<InternalRow> rows;
    private final Open[] open = new Open[boundaries.length * ranges()];
    private final ArrayDeque<Tuple2<Integer, ScoreChunk>> ready = new ArrayDeque<>();
    private boolean drained;

    Chunker(Iterator<InternalRow> rows) {
      this.rows = rows;
      for (int p = 0; p < open.length; p++) {
        open[p] = new Open();
      }
    }

    @Override
    public boolean hasNext() {
      int models = boundaries.length;
      int ranges = ranges();
      while (ready.isEmpty() && rows.hasNext()) {
        InternalRow r = rows.next();
        for (int m = 0; m < models; m++) {
          double score = r.getDouble(m) + 0.0;
          int p = m * ranges + SampleScores.partitionOf(boundaries[m], score);
          Open o = open[p];
          o.add(r, score, models);
          if (o.n == CHUNK_ROWS) {
            ready.add(new Tuple2<>(p, o.take()));
          }
        }
      }
      if (ready.isEmpty() && !drained) {
        drained = true;
        for (int p = 0; p < open.length; p++) {
          if (open[p].n > 0) {
            ready.add(new Tuple2<>(p, open[p].take()));
          }
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Tuple2<Integer, ScoreChunk> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }

  /** The chunk being filled for one range; grows by doubling up to {@link #CHUNK_ROWS}. */
  private final class Open {
    int n;
    double[] score = new double[64];
    byte[] label = new byte[64];
    long[] key = new long[64];
    short[] groups = new short[64 * attributes];

    /** {@code first}: the ordinal of the label, after the score columns. */
    void add(InternalRow r, double s, int first) {
      if (n == score.length) {
        int capacity = Math.min(CHUNK_ROWS, 2 * n);
        score = Arrays.copyOf(score, capacity);
        label = Arrays.copyOf(label, capacity);
        key = Arrays.copyOf(key, capacity);
        groups = Arrays.copyOf(groups, capacity * attributes);
      }
      score[n] = s;
      label[n] = (byte) r.getInt(first);
      key[n] = r.getLong(first + 1);
      int o = n * attributes;
      for (int a = 0; a < attributes; a++) {
        groups[o + a] = (short) r.getInt(first + 2 + a);
      }
      n++;
    }

    ScoreChunk take() {
      ScoreChunk c =
          new ScoreChunk(
              Arrays.copyOf(score, n), Arrays.copyOf(label, n), Arrays.copyOf(key, n), Arrays.copyOf(groups, n * attributes));
      n = 0;
      return c;
    }
  }
}
