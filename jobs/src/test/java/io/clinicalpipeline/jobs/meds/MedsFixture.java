package io.clinicalpipeline.jobs.meds;

import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampNTZType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Small MEDS data sets written by the tests, valid unless a test spoils them. */
final class MedsFixture {

  static final StructType DATA = schema(TimestampNTZType, LongType, FloatType);

  private MedsFixture() {}

  /** The data schema with {@code time}'s, {@code subject_id}'s and {@code numeric_value}'s types replaced. */
  static StructType schema(DataType time, DataType subject, DataType number) {
    return new StructType(new StructField[] {
      f("subject_id", subject), f("time", time), f("code", StringType), f("numeric_value", number)});
  }

  static Row event(long subject, String time, String code, Float value) {
    return RowFactory.create(subject, time == null ? null : LocalDateTime.parse(time), code, value);
  }

  /** Two subjects in one shard, one in another, the metadata files and a label file: valid MEDS. */
  static void valid(SparkSession spark, Path root) {
    shard(spark, root, "0", DATA, List.of(
        event(1, null, "GENDER/F", null), event(1, "1980-01-01T00:00:00", "MEDS_BIRTH", null),
        event(1, "2020-01-01T09:00:00", "LOINC/2339-0", 101.5f), event(1, "2020-01-01T09:00:00", "SNOMED/1", null),
        event(2, "1970-05-01T00:00:00", "MEDS_BIRTH", null), event(2, "2021-03-01T10:00:00", "SNOMED/1", null)));
    shard(spark, root, "1", DATA, List.of(event(3, "1990-02-02T00:00:00", "MEDS_BIRTH", null)));
    codes(spark, root, List.of("GENDER/F", "MEDS_BIRTH", "LOINC/2339-0", "SNOMED/1"));
    splits(spark, root, List.of(RowFactory.create(1L, "train"), RowFactory.create(2L, "tuning"),
        RowFactory.create(3L, "held_out")));
    write(root.resolve("metadata/dataset.json"), "{\"dataset_name\": \"fixture\", \"meds_version\": \"0.3.3\"}");
  }

  static void splits(SparkSession spark, Path root, List<Row> rows) {
    file(spark.createDataFrame(rows, new StructType(new StructField[] {f("subject_id", LongType),
        f("split", StringType)})), root.resolve("metadata/subject_splits.parquet"));
  }

  static void codes(SparkSession spark, Path root, List<String> codes) {
    List<Row> rows = new ArrayList<>();
    codes.forEach(c -> rows.add(RowFactory.create(c, "a description", new String[0])));
    file(spark.createDataFrame(rows, new StructType(new StructField[] {f("code", StringType),
        f("description", StringType), f("parent_codes", new ArrayType(StringType, true))})),
        root.resolve("metadata/codes.parquet"));
  }

  /** One Parquet file of {@code rows}, in their order, under {@code root/data/<name>/}. */
  static void shard(SparkSession spark, Path root, String name, StructType schema, List<Row> rows) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
        .parquet(root.resolve("data").resolve(name).toString());
  }

  /** {@code rows} as the single Parquet file {@code target}. */
  static void file(Dataset<Row> rows, Path target) {
    Path staging = target.resolveSibling(target.getFileName() + ".staging");
    rows.coalesce(1).write().mode("overwrite").parquet(staging.toString());
    try (Stream<Path> s = Files.list(staging)) {
      Path part = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      Files.move(part, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StructField f(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
