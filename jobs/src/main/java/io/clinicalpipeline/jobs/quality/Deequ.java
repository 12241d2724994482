package io.clinicalpipeline.jobs.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunBuilder;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.checks.CheckWithLastConstraintFilterable;
import com.amazon.deequ.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;
import scala.util.Try;

/**
 * The one place that touches Deequ's Scala API. Job code hands it rules and metric requests in Java
 * types and gets Java values back: every constraint of one table becomes a Deequ {@link Check} in one
 * {@link VerificationSuite} run, so Deequ plans the scans (all scan-shareable analyzers in one pass, one
 * more per grouping column set). Failures are values: a metric Deequ could not compute comes back empty
 * with the reason's type, never as an exception.
 */
final class Deequ {

  private Deequ() {}

  /** What one rule measured: Deequ's verdict, its metric, and how many rows the rule applied to. */
  record RuleMetric(boolean passed, Optional<Double> value, long applicable, Optional<String> failure) {}

  /** A metric for the history: {@code size}, {@code completeness} or {@code mean} of a column. */
  record MetricRequest(String key, String metric, String column) {}

  /** The outcome of one table's run. */
  record TableRun(long rows, Map<String, RuleMetric> rules, Map<String, Double> metrics) {}

  /**
   * Verifies {@code rules} (kinds ROW, UNIQUE, MEAN, SIZE) on {@code data} and computes {@code metrics}
   * in the same run.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static TableRun verify(Dataset<Row> data, List<Rule> rules, List<MetricRequest> metrics) {
    Size size = new Size(Option.empty());
    List<Check> checks = new ArrayList<>();
    List<Analyzer> analyzers = new ArrayList<>();
    analyzers.add(size);
    Map<String, Check> checkByRule = new LinkedHashMap<>();
    Map<String, Analyzer> metricByRule = new LinkedHashMap<>();
    Map<String, Analyzer> applicableByRule = new LinkedHashMap<>();
    for (Rule r : rules) {
      Check base =
          new Check(
              r.level() == Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning(),
              r.name(),
              Check.$lessinit$greater$default$3());
      Check check;
      Analyzer metric;
      Analyzer applicable;
      switch (r.kind()) {
        case ROW -> {
          double minShare = 1.0 - r.threshold();
          Function1<Object, Object> assertion = v -> ((Double) v) >= minShare - 1e-12;
          CheckWithLastConstraintFilterable c =
              base.satisfies(
                  r.compliancePredicate(),
                  r.name(),
                  assertion,
                  Option.empty(),
                  scala.collection.immutable.List$.MODULE$.empty(),
                  Option.empty());
          check = r.where() == null ? c : c.where(r.where());
          metric =
              new Compliance(
                  r.name(),
                  r.compliancePredicate(),
                  Option.apply(r.where()),
                  scala.collection.immutable.List$.MODULE$.empty(),
                  Option.empty());
          applicable = new Size(Option.apply(r.where()));
        }
        case UNIQUE -> {
          double minShare = 1.0 - r.threshold();
          Function1<Object, Object> assertion = v -> ((Double) v) >= minShare - 1e-12;
          check = base.hasUniqueness(seq(r.columns()), assertion);
          metric = new Uniqueness(seq(r.columns()), Option.empty(), Option.empty());
          applicable = size;
        }
        case MEAN -> {
          double lo = r.min() == null ? Double.NEGATIVE_INFINITY : r.min();
          double hi = r.max() == null ? Double.POSITIVE_INFINITY : r.max();
          Function1<Object, Object> assertion = v -> ((Double) v) >= lo && ((Double) v) <= hi;
          check = base.hasMean(r.column(), assertion, Option.empty());
          metric = new Mean(r.column(), Option.empty());
          applicable = new Size(Option.apply(Rules.ident(r.column()) + " IS NOT NULL"));
        }
        case SIZE -> {
          long min = r.min().longValue();
          Function1<Object, Object> assertion = v -> ((Long) v) >= min;
          check = base.hasSize(assertion, Option.empty());
          metric = size;
          applicable = null;
        }
        default -> throw new IllegalArgumentException("not a Deequ rule kind: " + r.kind());
      }
      checks.add(check);
      checkByRule.put(r.name(), check);
      metricByRule.put(r.name(), metric);
      analyzers.add(metric);
      if (applicable != null) {
        applicableByRule.put(r.name(), applicable);
        analyzers.add(applicable);
      }
    }
    Map<String, Analyzer> metricByKey = new LinkedHashMap<>();
    for (MetricRequest m : metrics) {
      Analyzer a =
          switch (m.metric()) {
            case "size" -> size;
            case "completeness" -> new Completeness(m.column(), Option.empty(), Option.empty());
            case "mean" -> new Mean(m.column(), Option.empty());
            default -> throw new IllegalArgumentException("unknown metric " + m.metric());
          };
      metricByKey.put(m.key(), a);
      analyzers.add(a);
    }

    VerificationRunBuilder builder = new VerificationSuite().onData(data);
    if (!checks.isEmpty()) {
      builder = builder.addChecks(seq(checks));
    }
    VerificationRunBuilder run = builder.addRequiredAnalyzers((scala.collection.Seq) seq(analyzers));
    VerificationResult result = WideScan.run(data, analyzers.size(), run::run);

    Map<Analyzer, Metric<?>> values = new LinkedHashMap<>();
    JavaConverters.mapAsJavaMap(result.metrics()).forEach((k, v) -> values.put((Analyzer) k, (Metric<?>) v));
    long rows = number(values.get(size)).map(Double::longValue).orElse(0L);

    Map<String, RuleMetric> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      Option<CheckResult> cr = result.checkResults().get(checkByRule.get(r.name()));
      boolean passed = cr.isDefined() && cr.get().status() == CheckStatus.Success();
      Metric<?> m = values.get(metricByRule.get(r.name()));
      Analyzer app = applicableByRule.get(r.name());
      long applicable = app == null ? rows : number(values.get(app)).map(Double::longValue).orElse(0L);
      out.put(r.name(), new RuleMetric(passed, number(m), applicable, failure(m)));
    }
    Map<String, Double> metricValues = new LinkedHashMap<>();
    metricByKey.forEach((k, a) -> number(values.get(a)).ifPresent(v -> metricValues.put(k, v)));
    return new TableRun(rows, out, metricValues);
  }

  /** Runs analyzers without checks; returns their metrics in the order given. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<Metric<?>> analyze(Dataset<Row> data, List<Analyzer> analyzers) {
    AnalysisRunBuilder b = AnalysisRunner.onData(data);
    for (Analyzer a : analyzers) {
      b = b.addAnalyzer(a);
    }
    AnalysisRunBuilder run = b;
    AnalyzerContext ctx = WideScan.run(data, analyzers.size(), run::run);
    Map<Object, Object> map = new LinkedHashMap<>(JavaConverters.mapAsJavaMap(ctx.metricMap()));
    List<Metric<?>> out = new ArrayList<>();
    for (Analyzer a : analyzers) {
      out.add((Metric<?>) map.get(a));
    }
    return out;
  }

  static Optional<Double> number(Metric<?> m) {
    if (m == null) {
      return Optional.empty();
    }
    Try<?> t = m.value();
    if (t.isFailure()) {
      return Optional.empty();
    }
    Object v = t.get();
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isNaN(d) ? Optional.empty() : Optional.of(d);
    }
    return Optional.empty();
  }

  /** The type of the exception behind a failed metric (its message may quote data, so it is dropped). */
  private static Optional<String> failure(Metric<?> m) {
    if (m == null) {
      return Optional.of("not computed");
    }
    Try<?> t = m.value();
    return t.isFailure() ? Optional.of(t.failed().get().getClass().getSimpleName()) : Optional.empty();
  }

  static <T> scala.collection.immutable.List<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }
}
