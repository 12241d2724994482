package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SplitsTest {

  static SparkSession spark;
  static Dataset<Row> examples;

  /** 2,000 patients with 1 to 4 examples each; about a fifth of the patients have positive labels. */
  @BeforeAll
  static void examples() {
    spark = SparkTestSession.get();
    Random random = new Random(42);
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < 2000; p++) {
      boolean positive = random.nextDouble() < 0.2;
      int n = 1 + random.nextInt(4);
      for (int e = 0; e < n; e++) {
        rows.add(RowFactory.create(DeidFixture.id("e" + p + "-" + e), DeidFixture.id("p" + p), positive && e == 0 ? 1 : 0));
      }
    }
    StructType schema =
        new StructType()
            .add("row_id", DataTypes.StringType)
            .add("patient_id", DataTypes.StringType)
            .add("label", DataTypes.IntegerType);
    examples = spark.createDataFrame(rows, schema).cache();
  }

  static TaskSpec.Split split(boolean stratify) {
    return new TaskSpec.Split(0.7, 0.15, 0.15, stratify, "salt");
  }

  @Test
  void assign_unstratified_putsEveryPatientInExactlyOneSplit() {
    Dataset<Row> s = Splits.assign(split(false), examples);
    assertThat(s.count()).isEqualTo(examples.count());
    assertThat(s.groupBy("patient_id").agg(countDistinct("split").as("n")).where(col("n").notEqual(1)).count()).isZero();
    Map<String, Long> patients = patientsPerSplit(s);
    assertThat(patients.keySet()).containsExactlyInAnyOrder("train", "validation", "test");
    assertThat(patients.get("train") / 2000.0).isCloseTo(0.7, within(0.04));
    assertThat(patients.get("test") / 2000.0).isCloseTo(0.15, within(0.03));
  }

  @Test
  void assign_stratified_putsEveryPatientInExactlyOneSplitWithItsShareOfPositives() {
    Dataset<Row> s = Splits.assign(split(true), examples);
    assertThat(s.count()).isEqualTo(examples.count());
    assertThat(s.groupBy("patient_id").agg(countDistinct("split").as("n")).where(col("n").notEqual(1)).count()).isZero();
    Map<String, Long> patients = patientsPerSplit(s);
    assertThat(patients.get("train") / 2000.0).isCloseTo(0.7, within(0.002));
    double overall = positivePatientShare(s.where("true"));
    for (String name : Splits.ALL) {
      assertThat(positivePatientShare(s.where(col("split").equalTo(name)))).as(name).isCloseTo(overall, within(0.01));
    }
  }

  @Test
  void assign_unstratified_dependsOnlyOnThePatientNotOnWhoElseIsInTheData() {
    Map<String, String> all = splitByPatient(Splits.assign(split(false), examples));
    Map<String, String> some = splitByPatient(Splits.assign(split(false), examples.where("patient_id < '8'")));
    assertThat(some).isNotEmpty();
    some.forEach((patient, s) -> assertThat(all.get(patient)).isEqualTo(s));
    Map<String, String> otherSalt =
        splitByPatient(Splits.assign(new TaskSpec.Split(0.7, 0.15, 0.15, false, "other"), examples));
    assertThat(otherSalt).isNotEqualTo(all);
  }

  private static Map<String, Long> patientsPerSplit(Dataset<Row> s) {
    Map<String, Long> out = new HashMap<>();
    for (Row r : s.groupBy("split").agg(countDistinct("patient_id")).collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static double positivePatientShare(Dataset<Row> s) {
    return s.groupBy("patient_id")
        .agg(org.apache.spark.sql.functions.max("label").as("l"))
        .agg(avg("l"))
        .first()
        .getDouble(0);
  }

  private static Map<String, String> splitByPatient(Dataset<Row> s) {
    Map<String, String> out = new HashMap<>();
    for (Row r : s.select("patient_id", "split").distinct().collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }
}
