package io.clinicalpipeline.jobs.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One anomaly spec of a suite bound to one table: the metric it watches (its key in the metrics history)
 * and how this run's value is judged against the earlier runs'.
 */
final class AnomalyTarget {
  final AnomalySpec spec;
  final String table;
  final String metric;
  final String column;
  final String key;

  AnomalyTarget(AnomalySpec spec, String table) {
    this.spec = spec;
    this.table = table;
    this.metric = spec.metric();
    this.column = spec.column();
    this.key = metric + "." + table + (column == null ? "" : "." + column);
  }

  /** Every spec of {@code suite} bound to its table, or to each of the checkpoint's tables for {@code *}. */
  static List<AnomalyTarget> of(Suite suite, Checkpoint checkpoint) {
    List<AnomalyTarget> out = new ArrayList<>();
    for (AnomalySpec s : suite.anomalyList()) {
      List<String> ts = "*".equals(s.table()) ? checkpoint.tables() : List.of(s.table());
      for (String t : ts) {
        out.add(new AnomalyTarget(s, t));
      }
    }
    return out;
  }

  /** This run's value of the metric against {@code previous} runs' values of it. */
  CheckResult judge(List<HistoryRun> previous, Map<String, Double> metrics) {
    Rule r = rule();
    Double now = metrics.get(key);
    if (now == null) {
      return CheckResult.of(r, Status.NOT_APPLICABLE, metric, null, null, null, null, "no value this run");
    }
    List<Double> series = new ArrayList<>();
    for (HistoryRun h : previous) {
      Double v = h.metrics().get(key);
      if (v != null) {
        series.add(v);
      }
    }
    if (series.isEmpty()) {
      return CheckResult.of(r, Status.PASSED, metric, now, null, null, null, "first run: no history to compare");
    }
    double last = series.get(series.size() - 1);
    series.add(now);
    boolean anomalous = AnomalyDetection.lastIsAnomalous(spec, series);
    return CheckResult.of(r, anomalous ? Status.FAILED : Status.PASSED, metric, now, null, null, null,
        "previous run: " + format(last) + "; this run: " + format(now) + " (" + (series.size() - 1)
            + " earlier runs)");
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.4f", v);
  }

  Rule rule() {
    String bounds =
        spec.strategy()
            + (spec.maxDecrease() == null ? "" : " max-decrease " + spec.maxDecrease())
            + (spec.maxIncrease() == null ? "" : " max-increase " + spec.maxIncrease());
    return new Rule(
        "anomaly." + key,
        table,
        column,
        RuleKind.ANOMALY,
        "anomaly",
        KahnCategory.PLAUSIBILITY,
        "temporal",
        Level.parse(spec.level() == null ? "warning" : spec.level()),
        0.0,
        bounds,
        null,
        null,
        column == null ? List.of() : List.of(column),
        null,
        null,
        null);
  }
}
