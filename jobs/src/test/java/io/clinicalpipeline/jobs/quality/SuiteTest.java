package io.clinicalpipeline.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteTest {

  @Test
  void defaults_existForEveryCheckpoint_andCoverEveryKahnCategory() {
    for (Checkpoint cp : Checkpoint.values()) {
      Suite s = Suite.defaults(cp);
      assertThat(s.checkpoint()).isEqualTo(cp.label());
      assertThat(s.checkList().stream().map(c -> KahnCategory.parse(c.category())).distinct())
          .as(cp.label())
          .containsExactlyInAnyOrder(KahnCategory.values());
      assertThat(s.checkList().stream().filter(c -> "error".equals(c.level()) || c.level() == null)).isNotEmpty();
      assertThat(s.anomalyList()).isNotEmpty();
    }
  }

  @Test
  void deidDefaults_includeTheLeakScanOnEveryTable() {
    assertThat(Suite.defaults(Checkpoint.DEID).checkList())
        .anySatisfy(c -> {
          assertThat(c.type()).isEqualTo("phi-leak");
          assertThat(c.table()).isEqualTo("*");
          assertThat(c.level()).isNull(); // error by default
        });
  }

  @Test
  void withParameters_fillsExpressions_andNamesAnUnknownParameter() {
    Suite deid = Suite.defaults(Checkpoint.DEID).withParameters(java.util.Map.of("reference_year", "2025"));
    CheckSpec age = deid.checkList().stream().filter(c -> c.name().equals("patients.age.at-most-90")).findFirst().orElseThrow();
    assertThat(age.violation()).contains("make_date(2025, 12, 31)").doesNotContain("${");

    Suite user =
        Suite.parse(
            """
            checkpoint: deid
            checks:
              - {name: t.x, table: patients, type: violation, violation: "year(birth_date) > ${no_such}",
                 category: plausibility}
            """,
            "user.yaml");
    assertThatThrownBy(() -> user.withParameters(java.util.Map.of("reference_year", "2025")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("t.x")
        .hasMessageContaining("${no_such}");
  }

  @Test
  void merge_overrideReplacesByName_addsNew_andDisables() {
    Suite base = Suite.defaults(Checkpoint.FEATURES);
    Suite user =
        Suite.parse(
            """
            checks:
              - {name: features.label.class-balance, table: features, type: mean-between, column: label,
                 min: 0.2, max: 0.8, level: error, category: plausibility}
              - {name: examples.sex.known, table: examples, type: in-set, column: sex, values: [F, M],
                 category: conformance}
            disable: [examples.age.range]
            """,
            "user.yaml");
    Suite merged = base.merge(user);
    assertThat(merged.checkList()).extracting(CheckSpec::name)
        .contains("examples.sex.known")
        .doesNotContain("examples.age.range");
    CheckSpec balance =
        merged.checkList().stream().filter(c -> c.name().equals("features.label.class-balance")).findFirst().orElseThrow();
    assertThat(balance.min()).isEqualTo(0.2);
    assertThat(balance.level()).isEqualTo("error");
    assertThat(merged.anomalyList()).isEqualTo(base.anomalyList());
    assertThat(merged.checkList()).hasSize(base.checkList().size());
  }

  @Test
  void merge_withReplace_ignoresTheDefaults() {
    Suite user =
        Suite.parse(
            "replace: true\nchecks:\n  - {name: x, table: examples, type: min-rows, category: completeness}\n",
            "user.yaml");
    assertThat(Suite.defaults(Checkpoint.FEATURES).merge(user).checkList()).extracting(CheckSpec::name)
        .containsExactly("x");
  }

  @Test
  void parse_unknownCategory_failsNamingTheCheck() {
    assertThatThrownBy(
            () -> Suite.parse("checks:\n  - {name: c1, table: t, type: complete, column: a, category: accuracy}\n", "s.yaml"))
        .isInstanceOf(UsageException.class)
        .hasMessage("suite s.yaml: check c1: category must be conformance, completeness or plausibility: accuracy");
  }

  @Test
  void parse_unknownType_failsNamingTheCheck() {
    assertThatThrownBy(
            () -> Suite.parse("checks:\n  - {name: c1, table: t, type: fuzzy, category: conformance}\n", "s.yaml"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("suite s.yaml: check c1: unknown type fuzzy");
  }

  @Test
  void parse_thresholdAboveOne_fails() {
    assertThatThrownBy(
            () -> Suite.parse(
                "checks:\n  - {name: c1, table: t, type: complete, column: a, category: completeness, threshold: 5}\n",
                "s.yaml"))
        .hasMessage("suite s.yaml: check c1: threshold must be a share between 0 and 1: 5.0");
  }

  @Test
  void parse_misspelledKey_fails() {
    assertThatThrownBy(() -> Suite.parse("chekcs: []\n", "s.yaml"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("chekcs");
  }

  @Test
  void rules_expandWildcardsPerTableAndColumn_skippingTablesWithoutTheColumn() {
    var schemas =
        java.util.Map.of(
            "patients", io.clinicalpipeline.common.model.RawSchemas.PATIENTS_SCHEMA,
            "observations", io.clinicalpipeline.common.model.RawSchemas.OBSERVATIONS_SCHEMA);
    List<Rule> rules = Rules.expand(Suite.defaults(Checkpoint.RAW), Checkpoint.RAW, schemas);
    assertThat(rules).extracting(Rule::name)
        .contains("observations.code.loinc-format", "observations.effective_time.complete", "patients.patient_id.complete")
        .doesNotContain("patients.code.loinc-format");
    Rule loinc = rules.stream().filter(r -> r.name().equals("observations.code.loinc-format")).findFirst().orElseThrow();
    assertThat(loinc.where()).isEqualTo("code_system = 'LOINC'");
    assertThat(loinc.violation()).isEqualTo("`code` IS NOT NULL AND NOT (CAST(`code` AS STRING) RLIKE '^(L[AP])?[0-9]{1,7}-[0-9]$')");
  }
}
