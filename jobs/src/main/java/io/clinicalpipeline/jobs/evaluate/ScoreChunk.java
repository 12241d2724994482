package io.clinicalpipeline.jobs.evaluate;

import java.io.Serializable;

/**
 * Up to {@link ToScoreChunks#CHUNK_ROWS} rows bound for one score range, as primitive arrays: what the
 * shuffle moves between executors (a few hundred objects for ten million rows instead of ten million rows).
 */
final class ScoreChunk implements Serializable {

  private static final long serialVersionUID = 1L;

  final double[] score;
  final byte[] label;
  final long[] key;
  /** {@code attributes} group indexes per row. */
  final short[] groups;

  ScoreChunk(double[] score, byte[] label, long[] key, short[] groups) {
    this.score = score;
    this.label = label;
    this.key = key;
    this.groups = groups;
  }

  int size() {
    return score.length;
  }
}
