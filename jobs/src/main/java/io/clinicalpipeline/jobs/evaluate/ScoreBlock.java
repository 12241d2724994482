package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;

/**
 * One range partition of a model's scored test rows, held as primitive arrays sorted by ascending score.
 * Range partitioning puts equal scores in the same partition, so a run of tied scores never spans two
 * blocks, and block {@code index} order is ascending score order. Every pass over the data is a tight loop
 * over these arrays on the executors; only fixed-size aggregates travel back to the driver.
 */
final class ScoreBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Partition index = position in ascending score order. */
  final int index;
  final double[] score;
  /** logit(score), with the score clipped to [eps, 1 - eps]. */
  final double[] logit;
  final byte[] label;
  /** A 64-bit hash of the row id: the seed of the row's bootstrap weights. */
  final long[] key;
  /** Subgroup indexes, {@code attributes} per row (group 0, the whole set, is implicit). */
  final short[] groups;
  final int attributes;

  ScoreBlock(int index, double[] score, byte[] label, long[] key, short[] groups, int attributes) {
    this.index = index;
    this.score = score;
    this.label = label;
    this.key = key;
    this.groups = groups;
    this.attributes = attributes;
    this.logit = new double[score.length];
    for (int i = 0; i < score.length; i++) {
      logit[i] = Calibration.logit(score[i]);
    }
  }

  /** The row's k-th group: 0 (the whole set) for k = 0, else its level of attribute k - 1. */
  int group(int row, int k) {
    return k == 0 ? 0 : groups[row * attributes + k - 1];
  }

  int size() {
    return score.length;
  }

  /** End (exclusive) of the run of rows tied with row {@code start}. */
  int runEnd(int start) {
    int end = start + 1;
    double s = score[start];
    while (end < score.length && score[end] == s) {
      end++;
    }
    return end;
  }

  /** Start of the run of rows tied with row {@code end - 1}. */
  int runStart(int end) {
    int start = end - 1;
    double s = score[start];
    while (start > 0 && score[start - 1] == s) {
      start--;
    }
    return start;
  }
}
