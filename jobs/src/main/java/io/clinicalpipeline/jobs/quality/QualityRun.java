package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.jobs.leak.IdentifierLeakScan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a suite over a checkpoint's tables: prepares each table (lookups, derived columns, leak flags),
 * verifies its rules in one Deequ run, samples evidence for failed checks, judges anomalies against the
 * history ({@link AnomalyTarget}) and records this run in it. No paths, no files: the job does the IO.
 */
public final class QualityRun {

  private final Checkpoint checkpoint;
  private final Suite suite;
  private final Map<String, Dataset<Row>> tables;
  private final Optional<IdentifierLeakScan> leakScanner;
  private final MetricsHistory history;
  private final Map<String, String> tags;

  private QualityRun(
      Checkpoint checkpoint,
      Suite suite,
      Map<String, Dataset<Row>> tables,
      Optional<IdentifierLeakScan> leakScanner,
      MetricsHistory history,
      Map<String, String> tags) {
    this.checkpoint = checkpoint;
    this.suite = suite;
    this.tables = tables;
    this.leakScanner = leakScanner;
    this.history = history;
    Map<String, String> t = new TreeMap<>(tags);
    t.put("checkpoint", checkpoint.label());
    this.tags = t;
  }

  /**
   * Runs {@code suite} over {@code tables} (missing tables are simply absent from the map) and returns the
   * report; the run's metrics are saved to {@code history}.
   */
  public static QualityReport run(
      Checkpoint checkpoint,
      Suite suite,
      Map<String, Dataset<Row>> tables,
      Optional<IdentifierLeakScan> leakScanner,
      MetricsHistory history,
      String runTime,
      Map<String, String> tags) {
    return new QualityRun(checkpoint, suite, tables, leakScanner, history, tags).run(runTime);
  }

  private QualityReport run(String runTime) {
    Map<String, StructType> schemas = new LinkedHashMap<>();
    tables.forEach((n, df) -> schemas.put(n, df.schema()));
    List<Rule> rules = Rules.expand(suite, checkpoint, schemas);
    List<AnomalyTarget> anomalies = AnomalyTarget.of(suite, checkpoint);

    List<CheckResult> results = new ArrayList<>();
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    Map<String, Double> metrics = new TreeMap<>();
    for (String table : checkpoint.tables()) {
      List<Rule> own = rules.stream().filter(r -> r.table().equals(table)).toList();
      List<AnomalyTarget> ownAnomalies = anomalies.stream().filter(a -> a.table.equals(table)).toList();
      Dataset<Row> df = tables.get(table);
      if (df == null) {
        for (Rule r : own) {
          results.add(
              r.kind() == RuleKind.PRESENT
                  ? CheckResult.of(r, Status.FAILED, "table present", 0.0, null, null, null, "the table is missing")
                  : CheckResult.of(r, Status.NOT_APPLICABLE, null, null, null, null, null, "the table is missing"));
        }
        continue;
      }
      results.addAll(runTable(table, df, own, ownAnomalies, rowCounts, metrics));
    }
    for (CheckResult c : results) {
      if (c.violatingShare() != null) {
        metrics.put("violations." + c.name(), c.violatingShare());
      }
    }
    List<HistoryRun> previous = MetricsHistory.before(history.load(tags), runTime);
    if (previous.size() > suite.historyRunCount() - 1) {
      previous = previous.subList(previous.size() - (suite.historyRunCount() - 1), previous.size());
    }
    for (AnomalyTarget a : anomalies) {
      results.add(a.judge(previous, metrics));
    }
    HistoryRun current = new HistoryRun(runTime, tags, metrics);
    history.save(current);
    List<HistoryRun> trend = new ArrayList<>(previous);
    trend.add(current);
    return QualityReport.of(checkpoint, runTime, rowCounts, results, trend);
  }

  private List<CheckResult> runTable(
      String table,
      Dataset<Row> raw,
      List<Rule> rules,
      List<AnomalyTarget> anomalies,
      Map<String, Long> rowCounts,
      Map<String, Double> metrics) {
    raw.sparkSession()
        .sparkContext()
        .setJobGroup("quality-" + checkpoint.label() + "-" + table, "quality checks of " + table, false);
    Map<String, CheckResult> byName = new LinkedHashMap<>();
    Dataset<Row> prepared = prepare(table, raw);
    boolean leakFlagged = false;
    if (rules.stream().anyMatch(r -> r.type().equals("phi-leak")) && leakScanner.isPresent()) {
      prepared = leakScanner.get().flag(prepared, Rules.LEAK_FLAG);
      leakFlagged = true;
    }
    List<Rule> deequRules = new ArrayList<>();
    boolean allResolve = resolvesAll(prepared, rules);
    for (Rule r : rules) {
      switch (r.kind()) {
        case PRESENT ->
            byName.put(r.name(), CheckResult.of(r, Status.PASSED, "table present", 1.0, null, null, null, null));
        case SCHEMA -> byName.put(r.name(), schema(r, raw.schema()));
        default -> {
          if (r.type().equals("phi-leak") && !leakFlagged) {
            byName.put(
                r.name(),
                CheckResult.of(r, Status.FAILED, null, null, null, null, null,
                    "not evaluated: no raw patients table to scan for (--raw OUT/raw)"));
          } else if (!allResolve && !resolves(prepared, r)) {
            byName.put(
                r.name(),
                CheckResult.of(r, Status.FAILED, null, null, null, null, null,
                    "cannot evaluate: the check names a column or function the table does not have"));
          } else {
            byName.put(r.name(), null);
            deequRules.add(r);
          }
        }
      }
    }
    List<Deequ.MetricRequest> requests = new ArrayList<>();
    for (AnomalyTarget a : anomalies) {
      if (!a.metric.equals("size") && List.of(prepared.columns()).contains(a.column)) {
        requests.add(new Deequ.MetricRequest(a.key, a.metric, a.column));
      }
    }
    Deequ.TableRun run = Deequ.verify(prepared, deequRules, requests);
    rowCounts.put(table, run.rows());
    metrics.put("size." + table, (double) run.rows());
    metrics.putAll(run.metrics());
    List<String> columns = List.of(prepared.columns());
    List<String> ids = suite.table(table).idList().stream().filter(columns::contains).toList();
    List<Rule> failedRows = deequRules.stream()
        .filter(r -> r.kind() == RuleKind.ROW && failedWithValue(run.rules().get(r.name()))).toList();
    Map<String, List<Map<String, String>>> rowEvidence =
        Evidence.ofRows(failedRows, prepared, ids, suite.evidenceRowCount());
    for (Rule r : deequRules) {
      byName.put(r.name(), result(r, run, prepared, ids, rowEvidence));
    }
    return new ArrayList<>(byName.values());
  }

  /** Adds the suite's lookups into other tables and its derived columns. */
  private Dataset<Row> prepare(String table, Dataset<Row> df) {
    TableSpec spec = suite.table(table);
    Dataset<Row> out = df;
    for (TableSpec.JoinSpec j : spec.joinList()) {
      Dataset<Row> other = tables.get(j.table());
      String found = j.found() == null ? "_found_" + j.table() : j.found();
      if (other == null || !List.of(other.columns()).contains(j.on()) || !List.of(out.columns()).contains(j.on())) {
        for (String c : j.columnList()) {
          DataType type =
              other != null && List.of(other.columns()).contains(c)
                  ? other.schema().apply(c).dataType()
                  : DataTypes.StringType;
          out = out.withColumn(c, lit(null).cast(type));
        }
        out = out.withColumn(found, lit(false));
        continue;
      }
      String key = "_key_" + j.table();
      List<Column> cols = new ArrayList<>();
      cols.add(other.col(j.on()).as(key));
      for (String c : j.columnList()) {
        cols.add(other.col(c).as(c));
      }
      cols.add(lit(true).as(found));
      Dataset<Row> lookup =
          other.select(cols.toArray(Column[]::new)).where(expr(Rules.ident(key) + " IS NOT NULL")).dropDuplicates(key);
      out = out.join(lookup, out.col(j.on()).equalTo(lookup.col(key)), "left").drop(key);
      out = out.withColumn(found, expr("coalesce(" + Rules.ident(found) + ", false)"));
    }
    for (Map.Entry<String, String> d : spec.deriveMap().entrySet()) {
      try {
        out = out.withColumn(d.getKey(), expr(d.getValue()));
        out.schema();
      } catch (Exception e) {
        // A derived column the table cannot compute: checks naming it will not resolve and say so.
        out = out.drop(d.getKey());
      }
    }
    return out;
  }

  /** Whether every rule's expressions resolve: one analysis of the plan instead of one per rule. */
  private static boolean resolvesAll(Dataset<Row> df, List<Rule> rules) {
    try {
      List<Column> all = new ArrayList<>();
      for (Rule r : rules) {
        boolean unflaggedLeak = r.type().equals("phi-leak") && !List.of(df.columns()).contains(Rules.LEAK_FLAG);
        if (r.kind() == RuleKind.ROW && !unflaggedLeak) {
          all.add(expr(r.compliancePredicate()));
          if (r.where() != null) {
            all.add(expr(r.where()));
          }
        } else if (r.kind() == RuleKind.UNIQUE || r.kind() == RuleKind.MEAN) {
          if (r.columns().isEmpty()) {
            return false;
          }
          for (String c : r.columns()) {
            all.add(df.col(Rules.ident(c)));
          }
        }
      }
      if (!all.isEmpty()) {
        df.select(all.toArray(Column[]::new)).schema();
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean resolves(Dataset<Row> df, Rule r) {
    try {
      switch (r.kind()) {
        case ROW -> {
          df.select(expr(r.compliancePredicate())).schema();
          if (r.where() != null) {
            df.select(expr(r.where())).schema();
          }
        }
        case UNIQUE, MEAN -> {
          for (String c : r.columns()) {
            df.select(df.col(Rules.ident(c))).schema();
          }
          if (r.kind() == RuleKind.MEAN && r.columns().isEmpty()) {
            return false;
          }
        }
        default -> {}
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** A row or uniqueness rule that applied, was measured, and failed: it gets evidence. */
  private static boolean failedWithValue(Deequ.RuleMetric m) {
    return m.applicable() != 0 && m.value().isPresent() && !m.passed();
  }

  private CheckResult result(
      Rule r,
      Deequ.TableRun run,
      Dataset<Row> prepared,
      List<String> ids,
      Map<String, List<Map<String, String>>> rowEvidence) {
    Deequ.RuleMetric m = run.rules().get(r.name());
    switch (r.kind()) {
      case SIZE -> {
        return CheckResult.of(r, m.passed() ? Status.PASSED : Status.FAILED, "rows", (double) run.rows(),
            null, null, null, null);
      }
      case MEAN -> {
        if (m.applicable() == 0) {
          return CheckResult.of(r, Status.NOT_APPLICABLE, "mean", null, 0L, null, null, "no values");
        }
        return CheckResult.of(r, m.passed() ? Status.PASSED : Status.FAILED, "mean", m.value().orElse(null),
            m.applicable(), null, null, m.value().isEmpty() ? "metric not computed: " + m.failure().orElse("") : null);
      }
      default -> {
        String metric = r.kind() == RuleKind.UNIQUE ? "uniqueness" : "compliance";
        if (m.applicable() == 0) {
          return CheckResult.of(r, Status.NOT_APPLICABLE, metric, null, 0L, 0L, null, "no applicable rows");
        }
        if (m.value().isEmpty()) {
          return CheckResult.of(r, Status.FAILED, metric, null, m.applicable(), null, null,
              "metric not computed: " + m.failure().orElse(""));
        }
        double ok = m.value().get();
        long violating = Math.round((1.0 - ok) * m.applicable());
        Status status = m.passed() ? Status.PASSED : Status.FAILED;
        List<Map<String, String>> evidence =
            status != Status.FAILED ? List.of()
                : r.kind() == RuleKind.UNIQUE ? Evidence.ofDuplicates(r, prepared, ids, suite.evidenceRowCount())
                : rowEvidence.get(r.name());
        return CheckResult.of(r, status, metric, ok, m.applicable(), violating, evidence, null);
      }
    }
  }

  private static CheckResult schema(Rule r, StructType actual) {
    StructType model = RawSchemas.BY_TABLE.get(r.table());
    List<String> forbid = r.spec().forbid() == null ? List.of() : r.spec().forbid();
    List<String> problems = new ArrayList<>();
    long checked = 0;
    if (model != null && "raw".equals(r.spec().expect())) {
      for (StructField f : model.fields()) {
        if (forbid.contains(f.name())) {
          continue;
        }
        checked++;
        Optional<StructField> a = List.of(actual.fields()).stream().filter(x -> x.name().equals(f.name())).findFirst();
        if (a.isEmpty()) {
          problems.add(f.name() + " missing");
        } else if (!Rules.sameType(f.dataType(), a.get().dataType())) {
          problems.add(f.name() + " is " + a.get().dataType().simpleString() + ", expected " + f.dataType().simpleString());
        }
      }
    }
    for (String f : forbid) {
      checked++;
      if (List.of(actual.fieldNames()).contains(f)) {
        problems.add(f + " must not be present");
      }
    }
    Status status = problems.isEmpty() ? Status.PASSED : Status.FAILED;
    double share = checked == 0 ? 1.0 : 1.0 - (double) problems.size() / checked;
    return CheckResult.of(r, status, "conforming columns", share, checked, (long) problems.size(), null,
        problems.isEmpty() ? null : String.join("; ", problems));
  }
}
