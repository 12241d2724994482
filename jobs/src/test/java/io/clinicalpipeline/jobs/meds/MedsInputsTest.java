package io.clinicalpipeline.jobs.meds;

import static io.clinicalpipeline.jobs.meds.MedsFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.features.FeatureInputs;
import java.nio.file.Path;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MEDS from elsewhere (no {@code table} or {@code record_id} columns) read into the feature job's tables. */
class MedsInputsTest {

  static SparkSession spark;
  @TempDir Path root;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  @Test
  void read_foreignMeds_sortsEventsIntoTablesByCode() {
    MedsFixture.valid(spark, root);
    FeatureInputs in = MedsInputs.read(spark, root.toString());
    Map<String, Row> patients = new HashMap<>();
    in.patients().collectAsList().forEach(r -> patients.put(r.getString(0), r));
    assertThat(patients).containsOnlyKeys("1", "2", "3");
    assertThat(patients.get("1").getAs("birth_date").toString()).isEqualTo(Date.valueOf("1980-01-01").toString());
    assertThat((String) patients.get("1").getAs("sex")).isEqualTo("F");
    assertThat((Object) patients.get("2").getAs("sex")).isNull();

    Row obs = in.observations().first();
    assertThat((String) obs.getAs("code_system")).isEqualTo("LOINC");
    assertThat((String) obs.getAs("code")).isEqualTo("2339-0");
    assertThat((Double) obs.getAs("value_numeric")).isEqualTo(101.5);
    List<Row> conditions = in.conditions().orderBy("patient_id").collectAsList();
    assertThat(conditions).hasSize(2).allSatisfy(r -> assertThat((String) r.getAs("code_system")).isEqualTo("SNOMED"));
    assertThat(conditions.get(1).getAs("start_date").toString()).isEqualTo("2021-03-01");
    assertThat(in.encounters().count()).isZero();

    Map<String, String> splits = new HashMap<>();
    in.splits().collectAsList().forEach(r -> splits.put(r.getString(0), r.getString(1)));
    assertThat(splits).containsEntry("1", "train").containsEntry("2", "validation").containsEntry("3", "test");
  }

  @Test
  void read_vocabularies_mapBackToTheProjectsCodeSystems() {
    MedsFixture.shard(spark, root, "0", MedsFixture.DATA, List.of(
        event(1, "2020-01-01T00:00:00", "ICD10CM/E11.9", null), event(1, "2020-01-02T00:00:00", "CPT4/99213", null),
        event(1, "2020-01-03T00:00:00", "LOCAL", null)));
    MedsFixture.codes(spark, root, List.of("ICD10CM/E11.9", "CPT4/99213", "LOCAL"));
    MedsFixture.write(root.resolve("metadata/dataset.json"), "{}");
    MedsFixture.splits(spark, root, List.of());
    List<Row> c = MedsInputs.read(spark, root.toString()).conditions().orderBy("start_date").collectAsList();
    assertThat(c).extracting(r -> r.getAs("code_system") + "|" + r.getAs("code"))
        .containsExactly("ICD-10-CM|E11.9", "CPT|99213", "null|LOCAL");
  }

  @Test
  void read_invalidMeds_failsNamingTheProblem() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(event(2, "1990-02-02T00:00:00", "MEDS_BIRTH", null)));
    assertThatThrownBy(() -> MedsInputs.read(spark, root.toString())).isInstanceOf(InputException.class)
        .hasMessageContaining("subject_id: the subject also has rows in");
  }
}
