package io.clinicalpipeline.jobs.evaluate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * Reduce side of the range partitioning: the chunks of one model's score range (in whatever order the
 * shuffle delivers them) become exactly one {@link ScoreBlock} sorted by {@link ScoreOrder}. An empty range
 * gives an empty block, so partition {@code m * ranges + r} holds model m's block r.
 */
final class ChunksToScoreBlock implements Function2<Integer, Iterator<ScoreChunk>, Iterator<ScoreBlock>> {

  private static final long serialVersionUID = 1L;

  private final int attributes;
  private final int ranges;

  ChunksToScoreBlock(int attributes, int ranges) {
    this.attributes = attributes;
    this.ranges = ranges;
  }

  @Override
  public Iterator<ScoreBlock> call(Integer index, Iterator<ScoreChunk> chunks) {
    List<ScoreChunk> all = new ArrayList<>();
    int n = 0;
    while (chunks.hasNext()) {
      ScoreChunk c = chunks.next();
      all.add(c);
      n += c.size();
    }
    double[] score = new double[n];
    byte[] label = new byte[n];
    long[] key = new long[n];
    short[] groups = new short[n * attributes];
    int at = 0;
    for (ScoreChunk c : all) {
      System.arraycopy(c.score, 0, score, at, c.size());
      System.arraycopy(c.label, 0, label, at, c.size());
      System.arraycopy(c.key, 0, key, at, c.size());
      System.arraycopy(c.groups, 0, groups, at * attributes, c.size() * attributes);
      at += c.size();
    }
    all.clear();
    int[] order = ScoreOrder.of(score, key, label, n);
    double[] sortedScore = new double[n];
    byte[] sortedLabel = new byte[n];
    long[] sortedKey = new long[n];
    short[] sortedGroups = new short[n * attributes];
    for (int i = 0; i < n; i++) {
      int p = order[i];
      sortedScore[i] = score[p];
      sortedLabel[i] = label[p];
      sortedKey[i] = key[p];
      for (int a = 0, from = p * attributes, to = i * attributes; a < attributes; a++) {
        sortedGroups[to + a] = groups[from + a];
      }
    }
    return List.of(new ScoreBlock(index % ranges, sortedScore, sortedLabel, sortedKey, sortedGroups, attributes)).iterator();
  }
}
