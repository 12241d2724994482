package io.clinicalpipeline.jobs.quality;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.Map;

/** How a check is evaluated: which Deequ constraint (or driver-side test) carries it. */
enum RuleKind {
  /** A row-level predicate: Deequ Compliance over the table, share of violating rows. */
  ROW,
  /** Deequ Uniqueness over one or more columns. */
  UNIQUE,
  /** Deequ Mean within bounds. */
  MEAN,
  /** Deequ Size at least a minimum. */
  SIZE,
  /** The table exists (driver side). */
  PRESENT,
  /** The table's columns and types (driver side, no scan). */
  SCHEMA,
  /** A metric compared with its history by a Deequ anomaly strategy. */
  ANOMALY;

  private static final Map<String, RuleKind> BY_TYPE =
      Map.ofEntries(
          Map.entry("violation", ROW),
          Map.entry("complete", ROW),
          Map.entry("pattern", ROW),
          Map.entry("no-match", ROW),
          Map.entry("in-set", ROW),
          Map.entry("not-in-set", ROW),
          Map.entry("range", ROW),
          Map.entry("finite", ROW),
          Map.entry("phi-leak", ROW),
          Map.entry("unique", UNIQUE),
          Map.entry("mean-between", MEAN),
          Map.entry("min-rows", SIZE),
          Map.entry("present", PRESENT),
          Map.entry("schema", SCHEMA));

  static RuleKind forType(String type, String where) {
    RuleKind k = BY_TYPE.get(type);
    if (k == null) {
      throw new UsageException(where + ": unknown type " + type + " (one of " + BY_TYPE.keySet() + ")");
    }
    return k;
  }
}
