package io.clinicalpipeline.jobs.meds;

import static io.clinicalpipeline.jobs.meds.MedsFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampNTZType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedsValidatorTest {

  static SparkSession spark;
  @TempDir Path root;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  List<String> validate() {
    return MedsValidator.validate(spark, root.toString());
  }

  @Test
  void validate_validFixture_hasNoProblems() {
    MedsFixture.valid(spark, root);
    assertThat(validate()).isEmpty();
  }

  @Test
  void validate_timesOutOfOrder_namesFileRowAndField() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(
        event(3, "1990-02-02T00:00:00", "MEDS_BIRTH", null), event(3, "1989-02-02T00:00:00", "MEDS_BIRTH", null)));
    assertThat(validate()).singleElement().asString()
        .matches("data/1/part-[^ ]+\\.parquet row 2: time: earlier than the previous row of the same subject");
  }

  @Test
  void validate_staticEventAfterTimedEvent_isReported() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(
        event(3, "1990-02-02T00:00:00", "MEDS_BIRTH", null), event(3, null, "GENDER/F", null)));
    assertThat(validate()).singleElement().asString().contains("row 2: time: a static event");
  }

  @Test
  void validate_subjectInTwoShards_isReportedWithBothFiles() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(event(2, "1990-02-02T00:00:00", "MEDS_BIRTH", null)));
    assertThat(validate()).singleElement().asString()
        .matches("data/1/part-[^ ]+ row 1: subject_id: the subject also has rows in data/0/part-[^ ]+\\.parquet");
  }

  @Test
  void validate_subjectNotContiguous_isReported() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(event(3, "1990-02-02T00:00:00", "MEDS_BIRTH", null),
        event(4, "1990-02-02T00:00:00", "MEDS_BIRTH", null), event(3, "2000-02-02T00:00:00", "MEDS_BIRTH", null)));
    assertThat(validate()).singleElement().asString().endsWith("row 3: subject_id: the subject's rows are not contiguous");
  }

  @Test
  void validate_wrongTypes_nameEachField() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.schema(TimestampType, StringType, DoubleType),
        List.of(RowFactory.create("3", Timestamp.valueOf("1990-02-02 00:00:00"), "MEDS_BIRTH", 1.0)));
    assertThat(validate()).hasSize(3).allSatisfy(e -> assertThat(e).startsWith("data/1/part-"))
        .anySatisfy(e -> assertThat(e).contains("subject_id: expected int64, found BINARY"))
        .anySatisfy(e -> assertThat(e).contains("time: expected timestamp[us] without a time zone"))
        .anySatisfy(e -> assertThat(e).contains("numeric_value: expected float32, found DOUBLE"));
  }

  @Test
  void validate_missingColumnAndNullCode_areReported() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(event(3, "1990-02-02T00:00:00", null, null)));
    MedsFixture.shard(spark, root, "2", new org.apache.spark.sql.types.StructType()
        .add("subject_id", LongType).add("time", TimestampNTZType).add("code", StringType),
        List.of(RowFactory.create(5L, null, "GENDER/F")));
    assertThat(validate())
        .anySatisfy(e -> assertThat(e).matches("data/1/part-[^ ]+ row 1: code: null"))
        .anySatisfy(e -> assertThat(e).matches("data/2/part-[^ ]+: numeric_value: missing \\(expected float32\\)"));
  }

  @Test
  void validate_metadataMissingOrIncomplete_isReported() throws Exception {
    MedsFixture.valid(spark, root);
    MedsFixture.codes(spark, root.resolve("spare"), List.of("MEDS_BIRTH"));
    Files.delete(root.resolve("metadata/codes.parquet"));
    Files.move(root.resolve("spare/metadata/codes.parquet"), root.resolve("metadata/codes.parquet"));
    Files.delete(root.resolve("metadata/subject_splits.parquet"));
    MedsFixture.write(root.resolve("metadata/dataset.json"), "{\"dataset_name\": 3}");
    assertThat(validate()).containsExactlyInAnyOrder(
        "metadata/codes.parquet: code: 3 codes of the data have no row",
        "metadata/subject_splits.parquet: missing",
        "metadata/dataset.json: dataset_name: expected a string");
  }

  @Test
  void validate_problems_neverQuoteValues() {
    MedsFixture.valid(spark, root);
    MedsFixture.shard(spark, root, "1", MedsFixture.DATA, List.of(event(987654321L, "1990-02-02T00:00:00", "SECRET/1",
        null), event(987654321L, "1980-02-02T00:00:00", "SECRET/1", 42.5f), event(2, null, "SECRET/2", null)));
    List<String> errors = validate();
    assertThat(errors).hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", errors)).doesNotContain("987654321").doesNotContain("SECRET").doesNotContain("42.5")
        .doesNotContain("1980").doesNotContain("1990");
  }

  @Test
  void validate_emptyFolder_reportsEveryMissingPart() {
    assertThat(validate()).contains("data/: no Parquet files", "metadata/codes.parquet: missing",
        "metadata/dataset.json: missing");
  }
}
