package io.clinicalpipeline.jobs.quality;

import static io.clinicalpipeline.jobs.quality.QualityFixtures.rawId;
import static io.clinicalpipeline.jobs.quality.QualityFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.quality.QualityFixtures.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job end to end at all three checkpoints: clean copies pass every error check; copies with planted
 * defects (at least one per Kahn category and checkpoint) are each reported by the right check, category
 * and level, and the job exits 1. Outputs stay under target/quality-acceptance for inspection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityJobAcceptanceTest {

  static final Path ROOT = Path.of("target", "quality-acceptance").toAbsolutePath();

  /** A planted defect and the check that must report it. */
  record Defect(String checkpoint, String check, KahnCategory category, Level level) {}

  static final List<Defect> DEFECTS =
      List.of(
          new Defect("raw", "observations.code.loinc-format", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("raw", "encounters.patient_id.references-patients", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("raw", "patients.patient_id.unique", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("raw", "conditions.code.complete", KahnCategory.COMPLETENESS, Level.ERROR),
          new Defect("raw", "observations.heart-rate.range", KahnCategory.PLAUSIBILITY, Level.ERROR),
          new Defect("raw", "encounters.end_after_start", KahnCategory.PLAUSIBILITY, Level.ERROR),
          new Defect("deid", "notes.phi-leak", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("deid", "notes.text.no-ssn", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("deid", "patients.zip3.restricted", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("deid", "patients.age.at-most-90", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("deid", "conditions.patient_id.pseudonym", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("deid", "encounters.patient_id.complete", KahnCategory.COMPLETENESS, Level.ERROR),
          new Defect("deid", "observations.during_life", KahnCategory.PLAUSIBILITY, Level.ERROR),
          new Defect("features", "features.label.binary", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("features", "features.finite.f_bmi", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("features", "examples.splits-disjoint-by-patient", KahnCategory.CONFORMANCE, Level.ERROR),
          new Defect("features", "examples.label.complete", KahnCategory.COMPLETENESS, Level.ERROR),
          new Defect("features", "examples.age.range", KahnCategory.PLAUSIBILITY, Level.ERROR));

  final Map<String, Integer> exitCodes = new java.util.HashMap<>();
  final Map<String, QualityReport> reports = new java.util.HashMap<>();
  final Map<String, String> consoles = new java.util.HashMap<>();
  String leakedNameNote;
  String leakedSsnNote;

  @BeforeAll
  void runAllCheckpoints() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Map<String, Table> raw = QualityFixtures.raw();
    Map<String, Table> deid = QualityFixtures.deid(raw);
    Map<String, Table> features = QualityFixtures.features();
    QualityFixtures.write(spark, raw, ROOT + "/clean/raw");
    QualityFixtures.write(spark, deid, ROOT + "/clean/deid");
    QualityFixtures.writeFeatures(spark, features, ROOT + "/clean/features");

    Map<String, Table> badRaw = QualityFixtures.copy(raw);
    badRaw.get("observations").set(0, "code", "8867-X");
    badRaw.get("encounters").set(1, "patient_id", rawId("patient", 99));
    badRaw.get("patients").addCopyOf(2, r -> r);
    badRaw.get("conditions").set(3, "code", null);
    badRaw.get("observations").set(3, "value_numeric", 900.0);
    Table enc = badRaw.get("encounters");
    enc.set(4, "end_time", ts("2021-01-01 00:00:00"));
    QualityFixtures.write(spark, badRaw, ROOT + "/defects/raw");

    Map<String, Table> badDeid = QualityFixtures.copy(deid);
    Table notes = badDeid.get("notes");
    notes.set(2, "text", "Seen today. Patient Okafor reports feeling well.");
    notes.set(5, "text", "Insurance form lists SSN " + QualityFixtures.ssn(3) + " for the record.");
    leakedNameNote = (String) notes.get(2, "note_id");
    leakedSsnNote = (String) notes.get(5, "note_id");
    badDeid.get("patients").set(0, "zip3", "036");
    badDeid.get("patients").set(1, "birth_date", Date.valueOf("1900-01-01"));
    badDeid.get("encounters").set(6, "patient_id", null);
    badDeid.get("conditions").set(2, "patient_id", rawId("patient", 2));
    // Patient 0 (born 1950): an observation dated before birth, as an inconsistent date shift would leave it.
    badDeid.get("observations").set(0, "effective_time", ts("1931-05-05 10:00:00"));
    QualityFixtures.write(spark, badDeid, ROOT + "/defects/deid");

    Map<String, Table> badFeatures = QualityFixtures.copy(features);
    badFeatures.get("train").set(1, "label", 2);
    badFeatures.get("train").set(2, "f_bmi", Double.NaN);
    Table ex = badFeatures.get("examples");
    ex.set(4, "label", null);
    ex.set(5, "age", 150);
    // The first validation example's patient also appears in train: a row-level split.
    int firstValidation = -1;
    for (int i = 0; i < ex.rows.size(); i++) {
      if ("validation".equals(ex.get(i, "split"))) {
        firstValidation = i;
        break;
      }
    }
    ex.set(firstValidation, "patient_id", ex.get(0, "patient_id"));
    QualityFixtures.writeFeatures(spark, badFeatures, ROOT + "/defects/features");

    for (String variant : List.of("clean", "defects")) {
      for (String cp : List.of("raw", "deid", "features")) {
        List<String> args = new ArrayList<>(List.of(
            "--checkpoint=" + cp,
            "--input=" + ROOT + "/" + variant + "/" + cp,
            "--output=" + ROOT + "/" + variant + "/quality/" + cp,
            "--history=" + ROOT + "/" + variant + "/history",
            "--run-time=2024-06-01T00:00:00Z"));
        if (cp.equals("deid")) {
          args.add("--raw=" + ROOT + "/" + variant + "/raw");
        }
        deleteHistory(ROOT + "/" + variant + "/history");
        long t0 = System.nanoTime();
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(console, true, StandardCharsets.UTF_8));
        try {
          exitCodes.put(variant + "/" + cp, QualityJob.run(args.toArray(String[]::new)));
        } finally {
          System.setOut(stdout);
        }
        consoles.put(variant + "/" + cp, console.toString(StandardCharsets.UTF_8));
        System.out.print(consoles.get(variant + "/" + cp));
        System.out.printf("quality %s/%s took %.1f s%n", variant, cp, (System.nanoTime() - t0) / 1e9);
        reports.put(
            variant + "/" + cp,
            QualityReport.fromJson(Files.readString(
                Path.of(ROOT + "/" + variant + "/quality/" + cp + "/report.json"), StandardCharsets.UTF_8)));
      }
    }
  }

  @Test
  void cleanData_passesEveryErrorCheck_atEveryCheckpoint() {
    for (String cp : List.of("raw", "deid", "features")) {
      QualityReport r = reports.get("clean/" + cp);
      List<String> failedErrors =
          r.checks().stream().filter(c -> c.failed() && c.isError()).map(CheckResult::name).toList();
      assertThat(failedErrors).as(cp).isEmpty();
      assertThat(exitCodes.get("clean/" + cp)).as(cp).isZero();
      assertThat(r.summary().passed()).as(cp).isGreaterThan(10);
    }
  }

  @Test
  void plantedDefects_areEachReportedByTheRightCheck_andTheJobFails() {
    assertThat(DEFECTS).hasSizeGreaterThanOrEqualTo(12);
    for (String cp : List.of("raw", "deid", "features")) {
      assertThat(DEFECTS.stream().filter(d -> d.checkpoint().equals(cp)).map(Defect::category).collect(Collectors.toSet()))
          .as("every category planted at " + cp)
          .containsExactlyInAnyOrder(KahnCategory.values());
      assertThat(exitCodes.get("defects/" + cp)).as(cp).isEqualTo(1);
    }
    for (Defect d : DEFECTS) {
      CheckResult c =
          reports.get("defects/" + d.checkpoint()).check(d.check()).orElseThrow(() -> new AssertionError(d.check()));
      assertThat(c.status()).as(d.check()).isEqualTo("failed");
      assertThat(c.category()).as(d.check()).isEqualTo(d.category().label());
      assertThat(c.level()).as(d.check()).isEqualTo(d.level().label());
      assertThat(c.violatingRows()).as(d.check()).isPositive();
      // The same check passed on the clean copy: the defect, not the check, made it fail.
      CheckResult clean = reports.get("clean/" + d.checkpoint()).check(d.check()).orElseThrow();
      assertThat(clean.status()).as(d.check() + " on clean data").isEqualTo("passed");
    }
  }

  @Test
  void leakScan_pointsAtBothLeakingNotes_byPseudonymOnly() throws Exception {
    CheckResult leak = reports.get("defects/deid").check("notes.phi-leak").orElseThrow();
    assertThat(leak.violatingRows()).isEqualTo(2);
    assertThat(leak.evidence()).extracting(e -> e.get("note_id")).containsExactlyInAnyOrder(leakedNameNote, leakedSsnNote);
    String json = Files.readString(ROOT.resolve("defects/quality/deid/report.json"));
    String html = Files.readString(ROOT.resolve("defects/quality/deid/report.html"));
    for (String text : List.of(json, html)) {
      assertThat(text).doesNotContain("Okafor", QualityFixtures.ssn(3), rawId("patient", 2));
    }
  }

  @Test
  void failedRun_printsEachFailedCheck_byNameAndCount_neverAValue() {
    String console = consoles.get("defects/deid");
    CheckResult leak = reports.get("defects/deid").check("notes.phi-leak").orElseThrow();
    assertThat(console)
        .contains("quality deid: failed")
        .contains(String.format(java.util.Locale.ROOT, "failed error check notes.phi-leak: 2 of %,d rows", leak.applicableRows()))
        .contains("failed error check patients.zip3.restricted: 1 of ")
        .doesNotContain("Okafor", QualityFixtures.ssn(3), rawId("patient", 2));
    for (Defect d : DEFECTS) {
      assertThat(consoles.get("defects/" + d.checkpoint())).as(d.check()).contains("check " + d.check());
    }
    assertThat(consoles.get("clean/deid")).doesNotContain("failed error check");
  }

  @Test
  void evidence_neverShowsRawIds_onlyHashes() throws Exception {
    String json = Files.readString(ROOT.resolve("defects/quality/raw/report.json"));
    for (int i = 0; i < QualityFixtures.PATIENTS; i++) {
      assertThat(json).doesNotContain(rawId("patient", i));
    }
    CheckResult dup = reports.get("defects/raw").check("patients.patient_id.unique").orElseThrow();
    assertThat(dup.evidence()).singleElement().satisfies(e -> assertThat(e.get("patient_id")).matches("h:[0-9a-f]{16}"));
  }

  @Test
  void featuresCheckpoint_writesModelMonitorBaseline() {
    for (String f : List.of("statistics.json", "constraints.json")) {
      assertThat(ROOT.resolve("clean/quality/features/" + f)).isRegularFile();
      assertThat(ROOT.resolve("defects/quality/features/" + f)).as("also when the gate fails").isRegularFile();
    }
    assertThat(ROOT.resolve("clean/quality/raw/statistics.json")).doesNotExist();
  }

  @Test
  void everyRun_writesItsManifest_withBalancedCounts() throws Exception {
    var m = io.clinicalpipeline.common.manifest.Manifest.fromJson(
        Files.readString(ROOT.resolve("defects/quality/raw/_manifest.json")));
    assertThat(m.balanced()).isTrue();
    assertThat(m.tables).containsKey(RawSchemas.PATIENTS);
    assertThat(m.tables.get(RawSchemas.PATIENTS).rowsIn).isEqualTo(QualityFixtures.PATIENTS + 1);
    assertThat(m.attributes).containsEntry("status", "failed");
  }

  @Test
  void htmlReport_rendersInChromium_withTheSummaryOfReportJson() throws Exception {
    var chromium = io.clinicalpipeline.common.testing.HeadlessChromium.find();
    io.clinicalpipeline.common.testing.Required.that(chromium.isPresent(), io.clinicalpipeline.common.testing.HeadlessChromium.INSTALL);
    for (String run : List.of("defects/deid", "clean/features")) {
      Path html = ROOT.resolve(run.replace("/", "/quality/") + "/report.html");
      String source = Files.readString(html);
      assertThat(source).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
          .doesNotContain("http://", "https://", "url(").contains("<svg");
      String dom = chromium.get().dumpDom(html);
      QualityReport.Summary s = reports.get(run).summary();
      assertThat(number(dom, "summary-failed-errors")).as(run).isEqualTo(s.failedErrors());
      assertThat(number(dom, "summary-failed-warnings")).as(run).isEqualTo(s.failedWarnings());
      assertThat(number(dom, "summary-passed")).as(run).isEqualTo(s.passed());
      assertThat(number(dom, "summary-not-applicable")).as(run).isEqualTo(s.notApplicable());
      assertThat(number(dom, "summary-anomalies")).as(run).isEqualTo(s.anomalies());
      assertThat(number(dom, "summary-checks")).as(run).isEqualTo(s.checks());
      assertThat(number(dom, "summary-rows")).as(run).isEqualTo(s.rows());
      assertThat(dom).containsPattern("id=\"summary-status\" data-status=\"" + reports.get(run).status() + "\"");
      Path png = Path.of("target", "quality-report-" + run.replace("/", "-") + ".png");
      chromium.get().screenshot(html, png, 1280, 1600);
      assertThat(Files.size(png)).isGreaterThan(10_000);
    }
  }

  static long number(String dom, String id) {
    var m = java.util.regex.Pattern.compile("id=\"" + id + "\"[^>]*>([0-9]+)<").matcher(dom);
    assertThat(m.find()).as(id + " in the rendered DOM").isTrue();
    return Long.parseLong(m.group(1));
  }

  static void deleteHistory(String dir) throws Exception {
    Path p = Path.of(dir);
    if (Files.exists(p)) {
      try (var w = Files.walk(p)) {
        for (Path x : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(x);
        }
      }
    }
  }

}
