package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.input_file_name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clinicalpipeline.common.testing.SparkTestSession;
import io.clinicalpipeline.jobs.features.DeidFixture;
import io.clinicalpipeline.jobs.features.FeaturesJob;
import io.clinicalpipeline.jobs.features.Splits;
import io.clinicalpipeline.jobs.features.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedsExportJobTest {

  static final int PATIENTS = 40;

  @TempDir static Path dir;
  static SparkSession spark;
  static Path meds;
  static Dataset<Row> patients;

  @BeforeAll
  static void export() {
    spark = SparkTestSession.get();
    DeidFixture.synthetic(PATIENTS, 7).write(spark, dir.resolve("deid"));
    patients = spark.read().parquet(dir.resolve("deid/patients").toString());
    meds = dir.resolve("meds");
    int rc = MedsExportJob.run(new String[] {"--input", dir.resolve("deid").toString(), "--output", meds.toString(),
        "--shards", "3"});
    assertThat(rc).isZero();
  }

  @Test
  void export_dataShards_haveTheMedsColumnTypes() {
    Dataset<Row> data = spark.read().parquet(meds.resolve("data").toString());
    assertThat(data.schema().apply("subject_id").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(data.schema().apply("time").dataType()).isEqualTo(DataTypes.TimestampNTZType);
    assertThat(data.schema().apply("code").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(data.schema().apply("numeric_value").dataType()).isEqualTo(DataTypes.FloatType);
    assertThat(MedsValidator.validate(spark, meds.toString())).isEmpty();
  }

  @Test
  void export_everySubject_isInExactlyOneShardSortedBySubjectThenTime() throws IOException {
    List<Path> shards;
    try (Stream<Path> s = Files.list(meds.resolve("data"))) {
      shards = s.sorted().toList();
    }
    assertThat(shards).hasSize(3).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("part-0000[0-2]\\.parquet"));
    Dataset<Row> data = spark.read().parquet(meds.resolve("data").toString()).withColumn("file", input_file_name());
    assertThat(data.groupBy("subject_id").agg(countDistinct("file").as("n")).where(col("n").gt(1)).count()).isZero();
    assertThat(data.select("subject_id").distinct().count()).isEqualTo(PATIENTS);
    for (Path shard : shards) {
      List<Row> rows = spark.read().parquet(shard.toString()).select("subject_id", "time").collectAsList();
      for (int i = 1; i < rows.size(); i++) {
        Row a = rows.get(i - 1);
        Row b = rows.get(i);
        assertThat(a.getLong(0)).as("row %d of %s", i, shard).isLessThanOrEqualTo(b.getLong(0));
        if (a.getLong(0) == b.getLong(0) && !a.isNullAt(1)) {
          assertThat(b.isNullAt(1)).as("static after timed at row %d", i).isFalse();
          assertThat((LocalDateTime) b.get(1)).isAfterOrEqualTo((LocalDateTime) a.get(1));
        }
      }
    }
  }

  @Test
  void export_subjectIds_areTheHashedPseudonymsInJavaAndSpark() {
    Map<Long, String> byId = new HashMap<>();
    for (Row r : patients.select("patient_id").collectAsList()) {
      long id = MedsIds.subjectId(r.getString(0));
      assertThat(id).isNotNegative();
      assertThat(byId.put(id, r.getString(0))).isNull();
    }
    List<Row> spark = patients.select(col("patient_id"), MedsIds.subjectId(col("patient_id"))).collectAsList();
    assertThat(spark).allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(MedsIds.subjectId(r.getString(0))));
    List<Long> subjects = MedsExportJobTest.spark.read().parquet(meds.resolve("data").toString())
        .select("subject_id").distinct().as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    assertThat(subjects).containsExactlyInAnyOrderElementsOf(byId.keySet());
    // a sign bit set in the first byte is cleared: a digest starting with 0x8.. or above still gives a positive id
    assertThat(MedsIds.subjectId("")).isEqualTo(0x63b0c44298fc1c14L & Long.MAX_VALUE);
  }

  @Test
  void export_codes_carryTheVocabularyAndStaticEvents() {
    String pid = patients.select("patient_id").first().getString(0);
    List<Row> one = spark.read().parquet(meds.resolve("data").toString())
        .where(col("subject_id").equalTo(MedsIds.subjectId(pid))).collectAsList();
    List<String> codes = one.stream().map(r -> r.getString(r.fieldIndex("code"))).toList();
    assertThat(codes).contains("MEDS_BIRTH", "LOINC/2339-0", "SNOMED/430193006", "SNOMED/195662009", "ENCOUNTER/AMB",
        "ENCOUNTER_END", "NOTE/progress");
    assertThat(codes).anyMatch(c -> c.matches("GENDER/[FM]")).anyMatch(c -> c.startsWith("RACE/"));
    Row first = one.get(0);
    assertThat(first.isNullAt(first.fieldIndex("time"))).isTrue();
    assertThat(one).filteredOn(r -> r.getString(r.fieldIndex("code")).equals("LOINC/2339-0"))
        .allSatisfy(r -> assertThat(r.isNullAt(r.fieldIndex("numeric_value"))).isFalse());
    Dataset<Row> metadata = spark.read().parquet(meds.resolve("metadata/codes.parquet").toString());
    assertThat(metadata.where(col("code").equalTo("RxNorm/860975")).select("description").first().getString(0))
        .isEqualTo("medication");
  }

  @Test
  void export_subjectSplits_followTheFeatureJobsSplitFunction() {
    TaskSpec spec = FeaturesJob.loadTask(TaskSpec.DEFAULT);
    Map<Long, String> expected = new HashMap<>();
    for (Row r : patients.select(col("patient_id"), Splits.unstratified(spec.split(), col("patient_id"))).collectAsList()) {
      expected.put(MedsIds.subjectId(r.getString(0)), MedsSchema.SPLITS.get(r.getString(1)));
    }
    Map<Long, String> written = new HashMap<>();
    spark.read().parquet(meds.resolve("metadata/subject_splits.parquet").toString()).collectAsList()
        .forEach(r -> written.put(r.getLong(0), r.getString(1)));
    assertThat(written).isEqualTo(expected);
    assertThat(written.values()).contains("train", "held_out");
  }

  @Test
  void export_sameInputTwice_givesByteIdenticalFiles() throws IOException {
    Path again = dir.resolve("meds-again");
    assertThat(MedsExportJob.run(new String[] {"--input", dir.resolve("deid").toString(), "--output", again.toString(),
        "--shards", "3"})).isZero();
    List<Path> files;
    try (Stream<Path> s = Files.walk(meds)) {
      files = s.filter(Files::isRegularFile).map(meds::relativize).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    for (Path f : files) {
      assertThat(Files.readAllBytes(again.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(meds.resolve(f)));
    }
  }

  @Test
  void export_labelsAndDatasetJson_areWritten() throws IOException {
    Dataset<Row> labels = spark.read().parquet(meds.resolve("labels").resolve(TaskSpec.DEFAULT).toString());
    assertThat(labels.columns()).containsExactly("subject_id", "prediction_time", "boolean_value", "integer_value",
        "float_value", "categorical_value");
    assertThat(labels.where(col("boolean_value")).count()).isPositive();
    assertThat(labels.where(col("boolean_value").unary_$bang()).count()).isPositive();
    JsonNode json = new ObjectMapper().readTree(meds.resolve("metadata/dataset.json").toFile());
    assertThat(json.get("meds_version").asText()).isEqualTo(MedsSchema.MEDS_VERSION);
    assertThat(json.get("etl_name").asText()).isEqualTo(MedsExportJob.ETL_NAME);
    assertThat(json.get("dataset_name").asText()).isEqualTo("clinical-pipeline");
  }
}
