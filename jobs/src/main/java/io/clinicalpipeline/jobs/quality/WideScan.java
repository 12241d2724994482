package io.clinicalpipeline.jobs.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;

/**
 * Runs one Deequ scan with thousands of analyzers over few rows (the feature checkpoint: ~1,000 feature
 * columns, a few analyzers each, a few thousand rows) with Spark's expressions interpreted instead of
 * compiled. Spark compiles all aggregate expressions of a scan into one generated class per aggregation
 * phase; at thousands of expressions compiling it (Janino) takes minutes of CPU, while interpreting them over
 * a few thousand rows takes under a second. Same expressions, same order of evaluation: same values.
 * Narrow scans, and wide scans over many rows (where compiled code pays off), keep Spark's defaults.
 */
final class WideScan {

  /** Analyzers in one run from which a scan counts as wide. */
  static final int WIDE_ANALYZERS = 256;
  /** Interpreted only while analyzers x rows stays below this (about a second of interpreted work). */
  static final long INTERPRETED_CELLS = 50_000_000L;

  /**
   * No whole-stage or expression code generation; no search for common subexpressions either (analyzers
   * of different columns share none, and the search over thousands of expressions is itself slow).
   */
  private static final Map<String, String> INTERPRETED =
      Map.of(
          "spark.sql.codegen.wholeStage", "false",
          "spark.sql.codegen.factoryMode", "NO_CODEGEN",
          "spark.sql.subexpressionElimination.enabled", "false");

  private WideScan() {}

  /** Whether a run of {@code analyzers} over {@code data} is interpreted (counts the rows only when wide). */
  static boolean interpreted(Dataset<Row> data, int analyzers) {
    return analyzers >= WIDE_ANALYZERS && data.count() * analyzers < INTERPRETED_CELLS;
  }

  /** Runs {@code scan} interpreted when {@link #interpreted} says so, then restores the session's settings. */
  static <T> T run(Dataset<Row> data, int analyzers, Supplier<T> scan) {
    if (!interpreted(data, analyzers)) {
      return scan.get();
    }
    RuntimeConfig conf = data.sparkSession().conf();
    Map<String, String> before = new LinkedHashMap<>();
    INTERPRETED.keySet().forEach(k -> before.put(k, conf.getOption(k).isDefined() ? conf.get(k) : null));
    INTERPRETED.forEach(conf::set);
    try {
      return scan.get();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          conf.unset(k);
        } else {
          conf.set(k, v);
        }
      });
    }
  }
}
