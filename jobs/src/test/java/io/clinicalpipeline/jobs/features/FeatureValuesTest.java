package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Features of chosen examples, recomputed by hand from the input rows written below. */
class FeatureValuesTest {

  static final String TASK =
      """
      name: hand
      index: {encounter-classes: [wellness]}
      label: {outcome: encounter, encounter-classes: [emergency], window: {end-days: 365}}
      lookback-windows: [30, 365]
      features:
        codes: {min-count: 1}
        observations: {min-count: 1}
        notes: {hash-buckets: 8, window-days: 365, min-token-length: 3}
      split: {ratios: {train: 1.0, validation: 0.0, test: 0.0}}
      """;

  static FeaturePipeline.Computed computed;
  static String annFirst;
  static String annSecond;
  static String annThird;
  static String bobVisit;
  static Map<String, Row> byRowId;

  @BeforeAll
  static void compute() {
    DeidFixture f = new DeidFixture();
    f.patient("ann", "1970-06-15", null, "F", "white", "nonhispanic");
    f.patient("bob", "1980-01-01", null, "M", "black", "hispanic");
    f.encounter("ann", "ambulatory", "2019-01-01T09:00:00Z", "2019-01-01T09:30:00Z");
    annFirst = f.encounter("ann", "wellness", "2020-06-01T09:00:00Z", "2020-06-01T10:00:00Z");
    f.encounter("ann", "emergency", "2021-02-15T20:00:00Z", "2021-02-15T23:00:00Z");
    annSecond = f.encounter("ann", "wellness", "2021-03-01T09:00:00Z", "2021-03-01T10:00:00Z");
    f.encounter("ann", "emergency", "2021-05-01T20:00:00Z", "2021-05-01T22:00:00Z");
    annThird = f.encounter("ann", "wellness", "2022-06-01T09:00:00Z", "2022-06-01T10:00:00Z");
    bobVisit = f.encounter("bob", "wellness", "2021-01-10T09:00:00Z", "2021-01-10T09:30:00Z");
    f.observation("ann", "2339-0", "2020-06-01T09:30:00Z", 100.0)
        .observation("ann", "2339-0", "2021-02-15T21:00:00Z", 150.0)
        .observation("ann", "2339-0", "2021-03-01T09:30:00Z", 130.0)
        .observation("ann", "2339-0", "2021-03-01T10:00:00Z", 999.0) // at the prediction time: not before it
        .observation("ann", "2339-0", "2021-04-01T10:00:00Z", 500.0)
        .observation("ann", "2339-0", "2021-02-20T10:00:00Z", null); // not numeric
    f.condition("ann", "44054006", "2020-06-01").condition("ann", "38341003", "2021-03-01");
    f.medication("ann", "860975", "2020-06-01T09:50:00Z").medication("ann", "860975", "2021-02-15T22:00:00Z");
    f.note("ann", "2020-01-01T00:00:00Z", "Old note text")
        .note("ann", "2021-02-15T21:30:00Z", "Chest pain at rest")
        .note("ann", "2021-03-01T10:00:00Z", "leak leak");
    computed = FeaturePipeline.compute(TaskSpec.parse(TASK), f.inputs(SparkTestSession.get()));
    byRowId = new java.util.HashMap<>();
    for (Row r : computed.wide().collectAsList()) {
      byRowId.put(r.getAs("row_id"), r);
    }
  }

  @AfterAll
  static void release() {
    computed.release();
  }

  static String rowId(String encounterId) {
    return Manifest.sha256("hand:" + encounterId).substring(0, 32);
  }

  static Row example(String encounterId) {
    Row r = byRowId.get(rowId(encounterId));
    assertThat(r).as("example of encounter %s", encounterId).isNotNull();
    return r;
  }

  @Test
  void examples_labelsAndExclusions_followTheWindows() {
    assertThat(byRowId).containsOnlyKeys(rowId(annFirst), rowId(annSecond), rowId(bobVisit));
    assertThat((int) example(annFirst).getAs("label")).isEqualTo(1); // emergency 2021-02-15, 259 days later
    assertThat((int) example(annSecond).getAs("label")).isEqualTo(1); // emergency 2021-05-01
    assertThat((int) example(bobVisit).getAs("label")).isZero();
    Row third = computed.candidates().where(col("row_id").equalTo(rowId(annThird))).first();
    assertThat((String) third.getAs("exclusion")).isEqualTo(CohortTransform.INCOMPLETE_FOLLOW_UP);
  }

  @Test
  void annSecondVisit_demographicsAndUtilisation() {
    Row r = example(annSecond);
    assertThat((int) r.getAs("age")).isEqualTo(50);
    assertThat((int) r.getAs("sex_f")).isEqualTo(1);
    assertThat((int) r.getAs("sex_m")).isZero();
    // the index visit itself started an hour before the prediction time
    assertThat((int) r.getAs("encounter_wellness_count_30d")).isEqualTo(1);
    assertThat((int) r.getAs("encounter_wellness_count_365d")).isEqualTo(2);
    assertThat((int) r.getAs("encounter_emergency_count_30d")).isEqualTo(1);
    assertThat((int) r.getAs("encounter_emergency_count_365d")).isEqualTo(1);
    assertThat(Arrays.asList(r.schema().fieldNames())).doesNotContain("race_white", "encounter_ambulatory_count_365d");
  }

  @Test
  void annSecondVisit_codeCounts() {
    Row r = example(annSecond);
    assertThat((int) r.getAs("condition_snomed_44054006_count_30d")).isZero();
    assertThat((int) r.getAs("condition_snomed_44054006_count_365d")).isEqualTo(1);
    assertThat((int) r.getAs("medication_rxnorm_860975_count_30d")).isEqualTo(1);
    assertThat((int) r.getAs("medication_rxnorm_860975_count_365d")).isEqualTo(2);
    // an onset dated on a prediction day is not known before that prediction: never a feature here
    assertThat(Arrays.asList(r.schema().fieldNames())).noneMatch(n -> n.contains("38341003"));
    // the first visit's own-day onset does not count for it
    assertThat((int) example(annFirst).getAs("condition_snomed_44054006_count_365d")).isZero();
  }

  @Test
  void annSecondVisit_observationStatistics() {
    Row r = example(annSecond);
    assertThat((double) r.getAs("observation_loinc_2339_0_last_30d")).isEqualTo(130.0);
    assertThat((double) r.getAs("observation_loinc_2339_0_mean_30d")).isEqualTo(140.0);
    assertThat((double) r.getAs("observation_loinc_2339_0_min_30d")).isEqualTo(130.0);
    assertThat((double) r.getAs("observation_loinc_2339_0_max_30d")).isEqualTo(150.0);
    assertThat((int) r.getAs("observation_loinc_2339_0_count_30d")).isEqualTo(2);
    assertThat((double) r.getAs("observation_loinc_2339_0_last_365d")).isEqualTo(130.0);
    assertThat((double) r.getAs("observation_loinc_2339_0_mean_365d")).isCloseTo(380.0 / 3, within(1e-6));
    assertThat((double) r.getAs("observation_loinc_2339_0_min_365d")).isEqualTo(100.0);
    assertThat((double) r.getAs("observation_loinc_2339_0_max_365d")).isEqualTo(150.0);
    assertThat((int) r.getAs("observation_loinc_2339_0_count_365d")).isEqualTo(3);
    Row bob = example(bobVisit);
    assertThat((Object) bob.getAs("observation_loinc_2339_0_last_365d")).isNull();
    assertThat((int) bob.getAs("observation_loinc_2339_0_count_365d")).isZero();
    assertThat((int) bob.getAs("encounter_wellness_count_30d")).isEqualTo(1);
    assertThat((int) bob.getAs("sex_m")).isEqualTo(1);
    assertThat((int) bob.getAs("age")).isEqualTo(41);
  }

  @Test
  void notes_termFrequenciesCountTheTokensInTheWindowWeightedByIdf() {
    List<FeatureMatrix.Feature> notes =
        computed.matrix().features().stream().filter(x -> x.source().equals(EventsTransform.NOTE)).toList();
    assertThat(notes).hasSize(8);
    // "Chest pain at rest": chest, pain, rest ("at" is shorter than 3); the note at the prediction time is out
    assertThat(termCount(example(annSecond), notes)).isCloseTo(3.0, within(1e-4));
    // "Old note text", 152 days before the first visit
    assertThat(termCount(example(annFirst), notes)).isCloseTo(3.0, within(1e-4));
    assertThat(termCount(example(bobVisit), notes)).isZero();
    // IDF over the 3 training examples: a bucket no training note hit has log(4 / 1)
    assertThat(notes).allSatisfy(x -> assertThat(x.idf()).isIn(Math.log(4.0 / 1), Math.log(4.0 / 2), Math.log(4.0 / 3)));
  }

  private static double termCount(Row r, List<FeatureMatrix.Feature> notes) {
    double sum = 0;
    for (FeatureMatrix.Feature x : notes) {
      double v = r.getAs(x.name());
      sum += v / x.idf();
    }
    return sum;
  }
}
