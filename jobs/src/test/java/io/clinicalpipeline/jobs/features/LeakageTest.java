package io.clinicalpipeline.jobs.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.testing.SparkTestSession;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plants, for every positive example, events that predict its label perfectly: a condition, a medication,
 * a procedure, an observation and a note term. Planted at or after the prediction time they must not change
 * a single feature; planted an hour before it (the control) they must, or the test could not fail.
 */
class LeakageTest {

  static final String TASK =
      """
      name: leak
      index: {encounter-classes: [AMB], select: last}
      label: {outcome: encounter, encounter-classes: [EMER, IMP], window: {end-days: 365}}
      lookback-windows: [30, 365]
      exclusions: {require-full-follow-up: false}
      features:
        codes: {min-count: 2}
        observations: {min-count: 2}
        notes: {hash-buckets: 16}
      """;

  static SparkSession spark;
  static TaskSpec spec;
  static FeatureInputs base;
  static List<Row> positives;
  static List<String> baseColumns;
  static List<Row> baseRows;

  @BeforeAll
  static void computeWithoutPlantedEvents() {
    spark = SparkTestSession.get();
    spec = TaskSpec.parse(TASK);
    base = DeidFixture.synthetic(60, 3).inputs(spark);
    FeaturePipeline.Computed c = FeaturePipeline.compute(spec, base);
    positives = c.examples().where("label = 1").select("patient_id", "prediction_time").collectAsList();
    baseColumns = List.of(c.wide().columns());
    baseRows = c.wide().orderBy("row_id").collectAsList();
    c.release();
    assertThat(positives).hasSizeGreaterThan(5);
  }

  @Test
  void eventsAtOrAfterThePredictionTime_leaveEveryFeatureUnchanged() {
    FeaturePipeline.Computed c = FeaturePipeline.compute(spec, planted(0));
    assertThat(c.wide().columns()).containsExactlyElementsOf(baseColumns);
    assertThat(c.wide().orderBy("row_id").collectAsList()).containsExactlyElementsOf(baseRows);
    c.release();
  }

  @Test
  void control_eventsAnHourBeforeThePredictionTime_changeTheFeatures() {
    FeaturePipeline.Computed c = FeaturePipeline.compute(spec, planted(-3600));
    assertThat(List.of(c.wide().columns())).contains("condition_snomed_999999_count_30d", "medication_rxnorm_999999_count_30d");
    assertThat(c.wide().orderBy("row_id").collectAsList()).isNotEqualTo(baseRows);
    c.release();
  }

  /** The base tables plus, per positive example, perfectly predictive events at prediction time + offset. */
  static FeatureInputs planted(long offsetSeconds) {
    List<Row> conditions = new ArrayList<>();
    List<Row> observations = new ArrayList<>();
    List<Row> medications = new ArrayList<>();
    List<Row> procedures = new ArrayList<>();
    List<Row> notes = new ArrayList<>();
    int n = 0;
    for (Row p : positives) {
      String patient = p.getString(0);
      Timestamp pt = p.getTimestamp(1);
      Timestamp at = new Timestamp(pt.getTime() + offsetSeconds * 1000);
      Timestamp later = new Timestamp(at.getTime() + 3_600_000L);
      // date-only: the prediction day itself (or, for the control, the day before)
      Date day = Date.valueOf(at.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(offsetSeconds < 0 ? 1 : 0));
      conditions.add(RowFactory.create(patient, null, "SNOMED", "999999", "planted", day, null));
      for (Timestamp t : List.of(at, later)) {
        observations.add(RowFactory.create(patient, null, "laboratory", "LOINC", "99999-9", "planted", 1.0, null, "1", t));
        medications.add(RowFactory.create(patient, null, "RxNorm", "999999", "planted", t, null, null, null, 1L));
        procedures.add(RowFactory.create(patient, null, "SNOMED", "999999", "planted", t, null, null, null));
        notes.add(RowFactory.create(DeidFixture.id("planted-" + n++), patient, null, "progress", t, "leakword leakword leakword"));
      }
    }
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    t.put(RawSchemas.PATIENTS, base.patients());
    t.put(RawSchemas.ENCOUNTERS, base.encounters());
    t.put(RawSchemas.CONDITIONS, base.conditions().unionByName(rows(conditions, RawSchemas.CONDITIONS)));
    t.put(RawSchemas.OBSERVATIONS, base.observations().unionByName(rows(observations, RawSchemas.OBSERVATIONS)));
    t.put(RawSchemas.MEDICATIONS, base.medications().unionByName(rows(medications, RawSchemas.MEDICATIONS)));
    t.put(RawSchemas.PROCEDURES, base.procedures().unionByName(rows(procedures, RawSchemas.PROCEDURES)));
    t.put(RawSchemas.NOTES, base.notes().unionByName(rows(notes, RawSchemas.NOTES)));
    return FeatureInputs.of(t);
  }

  private static Dataset<Row> rows(List<Row> rows, String table) {
    return spark.createDataFrame(rows, DeidFixture.schema(table));
  }
}
