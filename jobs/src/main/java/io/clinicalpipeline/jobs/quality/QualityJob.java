package io.clinicalpipeline.jobs.quality;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.spark.SparkSessions;
import io.clinicalpipeline.jobs.leak.IdentifierLeakScan;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks a checkpoint's data with its suite and writes report.json, report.html (+ statistics.json and
 * constraints.json for the features checkpoint) and _manifest.json. Exit 0 when no error-level check
 * failed (warnings are listed), 1 otherwise.
 */
public final class QualityJob {

  public static final String REPORT_JSON = "report.json";
  public static final String REPORT_HTML = "report.html";
  public static final String STATISTICS_JSON = "statistics.json";
  public static final String CONSTRAINTS_JSON = "constraints.json";

  private QualityJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run("quality", () -> {
      QualityOptions o = QualityOptions.parse(args);
      String started = Instant.now().toString();
      SparkSession spark = SparkSessions.forJob("clinical-pipeline-quality-" + o.checkpoint().label(), Map.of());
      Storage storage = Storage.of(spark);

      Suite suite = Suite.defaults(o.checkpoint());
      if (o.suite() != null) {
        if (!storage.exists(o.suite())) {
          throw new JobRunner.UsageException("--suite file not found: " + o.suite());
        }
        suite = suite.merge(Suite.parse(storage.readText(o.suite()), o.suite()));
      }
      suite = suite.withParameters(parameters(storage, o.input()));
      Map<String, Dataset<Row>> tables = QualityInputs.read(spark, o.checkpoint(), o.input());
      Optional<IdentifierLeakScan> leak =
          o.checkpoint() == Checkpoint.DEID && o.raw() != null
              ? QualityInputs.rawPatients(spark, o.raw()).map(IdentifierLeakScan::fromRawPatients)
              : Optional.empty();
      MetricsHistory history =
          o.history() != null
              ? new FileMetricsHistory(storage, Storage.resolve(o.history(), o.checkpoint().label()))
              : new MetricsHistory.InMemory();

      QualityReport report =
          QualityRun.run(o.checkpoint(), suite, tables, leak, history, o.runTimeOrNow(), o.tags());

      storage.writeText(Storage.resolve(o.output(), REPORT_JSON), report.toJson());
      storage.writeText(Storage.resolve(o.output(), REPORT_HTML), HtmlReport.render(report));
      Dataset<Row> features = tables.get(Checkpoint.FEATURES_TABLE);
      if (o.checkpoint() == Checkpoint.FEATURES && features != null) {
        ModelMonitorBaseline b = ModelMonitorBaseline.of(features.where(col("split").equalTo("train")));
        storage.writeText(Storage.resolve(o.output(), STATISTICS_JSON), b.statisticsJson());
        storage.writeText(Storage.resolve(o.output(), CONSTRAINTS_JSON), b.constraintsJson());
      }
      writeManifest(storage, o, suite, report, started);

      QualityReport.Summary s = report.summary();
      System.out.printf(
          "quality %s: %s (%d checks: %d passed, %d errors failed, %d warnings failed, %d not applicable)%n",
          o.checkpoint().label(), report.status(), s.checks(), s.passed(), s.failedErrors(),
          s.failedWarnings(), s.notApplicable());
      report.failedCheckLines().forEach(l -> System.out.println("  " + l));
      return s.failedErrors() > 0 ? 1 : 0;
    });
  }

  /**
   * Values for {@code ${...}} in suite expressions: {@code reference_year}, the year the de-identification
   * took living patients' ages at (its manifest's {@code reference-year}), else the current year.
   */
  static Map<String, String> parameters(Storage storage, String input) {
    String year = String.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear());
    String upstream = Storage.resolve(input, Manifest.FILE_NAME);
    if (storage.exists(upstream)) {
      String recorded = Manifest.fromJson(storage.readText(upstream)).attributes.get(io.clinicalpipeline.jobs.deid.DeidentifyJob.REFERENCE_YEAR);
      if (recorded != null && recorded.matches("[0-9]{4}")) {
        year = recorded;
      }
    }
    return Map.of("reference_year", year);
  }

  private static void writeManifest(
      Storage storage, QualityOptions o, Suite suite, QualityReport report, String started) throws Exception {
    Manifest m = new Manifest("quality", version());
    m.configDigest = Manifest.sha256(new ObjectMapper().writeValueAsString(suite));
    String upstream = Storage.resolve(o.input(), Manifest.FILE_NAME);
    m.inputs.put("input", storage.exists(upstream) ? Manifest.sha256(storage.readText(upstream)) : "none");
    report.tables().forEach((t, n) -> m.table(t, n, n, 0));
    m.attributes.put("checkpoint", o.checkpoint().label());
    m.attributes.put("status", report.status());
    m.attributes.put("failed-errors", String.valueOf(report.summary().failedErrors()));
    m.attributes.put("failed-warnings", String.valueOf(report.summary().failedWarnings()));
    m.startedAt = started;
    m.finishedAt = Instant.now().toString();
    storage.writeText(Storage.resolve(o.output(), Manifest.FILE_NAME), m.toJson());
  }

  private static String version() {
    String v = QualityJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
