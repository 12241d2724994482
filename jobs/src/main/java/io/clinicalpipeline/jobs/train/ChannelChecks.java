package io.clinicalpipeline.jobs.train;

import io.clinicalpipeline.common.JobRunner.JobException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The counts {@link TrainTransform#checks} computes over one channel, and the failures they mean. Messages
 * name the channel and counts only, never a value from the data.
 */
final class ChannelChecks {

  private final String channel;
  private final long rows;
  private final int minWidth;
  private final int maxWidth;
  private final long unparsable;
  private final long contentHash;
  private final long badLabelsOrDistinctIds;

  private ChannelChecks(String channel, Row r) {
    this.channel = channel;
    this.rows = r.getLong(0);
    this.minWidth = r.getInt(1);
    this.maxWidth = r.getInt(2);
    this.unparsable = r.getLong(3);
    this.contentHash = r.getLong(4);
    this.badLabelsOrDistinctIds = r.getLong(5);
  }

  static ChannelChecks of(String channel, Dataset<Row> split) {
    return new ChannelChecks(channel, TrainTransform.checks(split).first());
  }

  long rows() {
    return rows;
  }

  /** The number of feature columns (all rows have the same once checked). */
  int width() {
    return maxWidth;
  }

  /** Digest input for checkpoint fingerprints: rows, width and content. */
  String fingerprint() {
    return rows + ":" + maxWidth + ":" + Long.toHexString(contentHash);
  }

  /** A training channel: rows present, one width, numbers only, labels 0 or 1. */
  void requireLabelled() {
    requireShape();
    if (badLabelsOrDistinctIds > 0) {
      throw new JobException(
          "channel " + channel + ": " + badLabelsOrDistinctIds
              + " rows have a label other than 0 or 1 (the label is the first column, no header)");
    }
  }

  /** The transform input: rows present, one width, numbers only, unique row ids. */
  void requireIdentified() {
    requireShape();
    if (badLabelsOrDistinctIds != rows) {
      throw new JobException(
          "channel " + channel + ": " + (rows - badLabelsOrDistinctIds) + " rows repeat a row_id");
    }
  }

  void requireWidth(int expected) {
    if (maxWidth != expected) {
      throw new JobException(
          "channel " + channel + " has " + maxWidth + " feature columns but train has " + expected);
    }
  }

  private void requireShape() {
    if (rows == 0) {
      throw new JobException("channel " + channel + " has no rows");
    }
    if (minWidth != maxWidth) {
      throw new JobException(
          "channel " + channel + ": rows have between " + minWidth + " and " + maxWidth
              + " feature columns; all must have the same");
    }
    if (maxWidth == 0) {
      throw new JobException("channel " + channel + " has no feature columns");
    }
    if (unparsable > 0) {
      throw new JobException(
          "channel " + channel + ": " + unparsable + " fields are not numbers (CSV, comma-separated, no header)");
    }
  }
}
