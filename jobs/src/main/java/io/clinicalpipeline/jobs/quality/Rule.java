package io.clinicalpipeline.jobs.quality;

import java.util.List;

/**
 * A check resolved against the data: one table, at most one column, and for row checks the SQL
 * predicate that marks a violating row ({@code violation}) among the applicable rows ({@code where},
 * null for all rows).
 */
record Rule(
    String name,
    String table,
    String column,
    RuleKind kind,
    String type,
    KahnCategory category,
    String subcategory,
    Level level,
    double threshold,
    String description,
    String violation,
    String where,
    List<String> columns,
    Double min,
    Double max,
    CheckSpec spec) {

  /** The Deequ compliance predicate: rows that do not violate (null counts as not violating). */
  String compliancePredicate() {
    return "NOT coalesce((" + violation + "), false)";
  }

  /** Violating rows among the applicable ones, as one SQL predicate. */
  String violatingRowsPredicate() {
    String v = "coalesce((" + violation + "), false)";
    return where == null ? v : "(" + where + ") AND " + v;
  }

  static String percent(double share) {
    double p = share * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  String thresholdText() {
    return switch (kind) {
      case MEAN -> "mean in [" + min + ", " + max + "]";
      case SIZE -> "rows >= " + min.longValue();
      case PRESENT, SCHEMA -> "all expected";
      case ANOMALY -> description;
      default -> "at most " + percent(threshold) + " violating";
    };
  }
}
