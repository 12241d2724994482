package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.quality.QualityStatus;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityRunTest {

  static final Suite SIZE_ANOMALY_SUITE =
      Suite.parse(
          """
          replace: true
          checks:
            - {name: examples.rows, table: examples, type: min-rows, category: completeness}
          anomalies:
            - {metric: size, table: examples, strategy: relative-rate-of-change, max-decrease: 0.8,
               max-increase: 3.0, level: warning}
          """,
          "anomaly-suite");

  static Dataset<Row> examples(SparkSession spark, long n) {
    return spark.range(n).select(concat(lit("ex-"), col("id").cast("string")).as("row_id"),
        (col("id").mod(3).equalTo(0)).cast("int").as("label"));
  }

  @Test
  void anomaly_thirdRunLosingThirtyPercentOfRows_isFlagged(@TempDir Path dir) throws Exception {
    SparkSession spark = SparkTestSession.get();
    MetricsHistory history = new FileMetricsHistory(Storage.of(spark), dir.toString());
    List<QualityReport> reports = new ArrayList<>();
    long[] sizes = {100, 100, 70};
    String[] times = {"2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"};
    for (int i = 0; i < 3; i++) {
      reports.add(
          QualityRun.run(Checkpoint.FEATURES, SIZE_ANOMALY_SUITE, Map.of("examples", examples(spark, sizes[i])),
              Optional.empty(), history, times[i], Map.of()));
    }
    CheckResult first = reports.get(0).check("anomaly.size.examples").orElseThrow();
    CheckResult second = reports.get(1).check("anomaly.size.examples").orElseThrow();
    CheckResult third = reports.get(2).check("anomaly.size.examples").orElseThrow();
    assertThat(first.status()).isEqualTo("passed");
    assertThat(second.status()).isEqualTo("passed");
    assertThat(third.status()).isEqualTo("failed");
    assertThat(third.level()).isEqualTo("warning");
    assertThat(third.category()).isEqualTo("plausibility");
    assertThat(third.metricValue()).isEqualTo(70.0);
    assertThat(reports.get(2).summary().anomalies()).isEqualTo(1);
    assertThat(reports.get(2).history()).extracting(HistoryRun::runTime).containsExactly(times);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("run-"))).hasSize(3);
    }
  }

  @Test
  void emptyTablesAndAllNullColumns_giveResults_notCrashes() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> emptyPatients = spark.createDataFrame(List.of(), RawSchemas.PATIENTS_SCHEMA);
    List<Row> nullRows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nullRows.add(org.apache.spark.sql.RowFactory.create(new Object[RawSchemas.OBSERVATIONS_SCHEMA.size()]));
    }
    Dataset<Row> nullObservations = spark.createDataFrame(nullRows, RawSchemas.OBSERVATIONS_SCHEMA);
    QualityReport r =
        QualityRun.run(
            Checkpoint.RAW,
            Suite.defaults(Checkpoint.RAW),
            Map.of("patients", emptyPatients, "observations", nullObservations),
            Optional.empty(),
            new MetricsHistory.InMemory(),
            "2024-01-01T00:00:00Z",
            Map.of());
    assertThat(r.check("patients.patient_id.unique").orElseThrow().status()).isEqualTo("not-applicable");
    assertThat(r.check("patients.rows").orElseThrow().status()).isEqualTo("failed");
    assertThat(r.check("patients.rows").orElseThrow().level()).isEqualTo("warning");
    CheckResult code = r.check("observations.code.complete").orElseThrow();
    assertThat(code.status()).isEqualTo("failed");
    assertThat(code.violatingRows()).isEqualTo(3);
    assertThat(code.violatingShare()).isEqualTo(1.0);
    assertThat(r.check("observations.heart-rate.range").orElseThrow().status()).isEqualTo("not-applicable");
    assertThat(r.check("encounters.present").orElseThrow().status()).isEqualTo("failed");
    assertThat(r.check("encounters.end_after_start").orElseThrow().status()).isEqualTo("not-applicable");
    assertThat(r.status()).isEqualTo(QualityStatus.FAILED.label());
  }

  @Test
  void allNullFeature_meanIsNotApplicable_andCompletenessFails() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> features =
        examples(spark, 10).withColumn("f_null", lit(null).cast("double")).withColumn("split", lit("train"));
    QualityReport r =
        QualityRun.run(Checkpoint.FEATURES,
            Suite.parse("""
                replace: true
                checks:
                  - {name: m, table: features, type: mean-between, column: f_null, min: 0, max: 1, category: plausibility}
                  - {name: "c.{column}", table: features, type: complete, columns: ["*features"], category: completeness,
                     level: warning, threshold: 0.5}
                """, "s"),
            Map.of("features", features), Optional.empty(), new MetricsHistory.InMemory(), "2024-01-01T00:00:00Z",
            Map.of());
    assertThat(r.check("m").orElseThrow().status()).isEqualTo("not-applicable");
    assertThat(r.check("c.f_null").orElseThrow().status()).isEqualTo("failed");
    assertThat(r.status()).isEqualTo(QualityStatus.PASSED_WITH_WARNINGS.label());
  }

  /** Counts the Spark jobs started while {@code body} runs, as Deequ's own tests do. */
  static int jobsOf(SparkSession spark, Runnable body) {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
          }
        };
    drain(spark);
    spark.sparkContext().addSparkListener(listener);
    try {
      body.run();
      drain(spark);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return jobs.get();
  }

  /** Waits until the listener bus has delivered every event so far. */
  static void drain(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (Exception e) {
      throw new IllegalStateException("listener bus did not drain", e);
    }
  }

  @Test
  void suiteRun_scansEachTableOnce_howeverManyChecks() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> obs =
        spark.range(40).selectExpr("CAST(id AS STRING) AS encounter_id", "IF(id % 2 = 0, '8867-4', '8480-6') AS code",
            "CAST(60 + id AS DOUBLE) AS value_numeric", "IF(id % 5 = 0, NULL, 'LOINC') AS code_system");
    String few =
        """
        replace: true
        checks:
          - {name: a, table: observations, type: complete, column: code, category: completeness}
        """;
    StringBuilder many = new StringBuilder("replace: true\nchecks:\n");
    for (int i = 0; i < 12; i++) {
      many.append("  - {name: r").append(i).append(", table: observations, type: range, column: value_numeric, ")
          .append("where: \"code = '8867-4'\", min: ").append(i).append(", max: 300, category: plausibility}\n");
    }
    many.append("  - {name: p, table: observations, type: pattern, column: code, pattern: '^[0-9]+-[0-9]$', category: conformance}\n")
        .append("  - {name: c, table: observations, type: complete, columns: [code, code_system], threshold: 0.5, category: completeness}\n")
        .append("  - {name: m, table: observations, type: mean-between, column: value_numeric, min: 0, max: 500, category: plausibility}\n")
        .append("  - {name: s, table: observations, type: min-rows, min-rows: 1, category: completeness}\n");
    String withUnique = many + "  - {name: u, table: observations, type: unique, columns: [encounter_id], category: conformance}\n";

    int jobsFew = jobsOf(spark, () -> runSuite(few, obs));
    int jobsMany = jobsOf(spark, () -> runSuite(many.toString(), obs));
    int jobsUnique = jobsOf(spark, () -> runSuite(withUnique, obs));
    // All scan-shareable constraints (compliance, completeness, mean, size) share one pass over the table.
    assertThat(jobsFew).isEqualTo(1);
    assertThat(jobsMany).isEqualTo(jobsFew);
    // A uniqueness constraint needs Deequ's grouping pass on top.
    assertThat(jobsUnique).isGreaterThan(jobsMany).isLessThanOrEqualTo(jobsMany + 2);
  }

  private static void runSuite(String yaml, Dataset<Row> obs) {
    QualityReport r =
        QualityRun.run(Checkpoint.RAW, Suite.parse(yaml, "s"), Map.of("observations", obs), Optional.empty(),
            new MetricsHistory.InMemory(), "2024-01-01T00:00:00Z", Map.of());
    assertThat(r.summary().failedErrors()).isZero();
  }
}
