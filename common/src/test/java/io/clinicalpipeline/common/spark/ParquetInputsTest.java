package io.clinicalpipeline.common.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.clinicalpipeline.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Footer answers equal Spark's answers over the rows, and footers that cannot answer say so. */
class ParquetInputsTest {

  @TempDir static Path tmp;
  static SparkSession spark;
  static String table;

  @BeforeAll
  static void write() {
    spark = SparkTestSession.get();
    // three files, several row groups' worth of nulls, the latest time late on a day (UTC)
    Dataset<Row> rows =
        spark.range(0, 30_011)
            .selectExpr(
                "id",
                "IF(id % 5 = 0, NULL, timestamp_seconds(1600000000 + id * 3607)) AS at",
                "CAST(NULL AS TIMESTAMP) AS never",
                "to_date(timestamp_seconds(1600000000 + id * 3607)) AS day",
                "CAST(timestamp_seconds(1600000000 + id * 3607) AS TIMESTAMP_NTZ) AS local_time");
    table = tmp.resolve("t").toString();
    rows.repartition(3).write().mode(SaveMode.Overwrite).parquet(table);
  }

  @Test
  void rows_equalsSparksCount() {
    assertThat(ParquetInputs.rows(spark, table)).isEqualTo(spark.read().parquet(table).count()).isEqualTo(30_011);
  }

  @Test
  void latestDate_equalsSparksMaximum() {
    Row r = spark.read().parquet(table).agg(max(col("at").cast("date"))).first();
    LocalDate expected = ((java.sql.Date) r.get(0)).toLocalDate();
    assertThat(ParquetInputs.latestDate(spark, table, "at")).contains(expected);
  }

  @Test
  void latestDate_isEmpty_whenFootersCannotAnswer() {
    assertThat(ParquetInputs.latestDate(spark, table, "never")).as("only nulls").isEmpty();
    assertThat(ParquetInputs.latestDate(spark, table, "day")).as("a date column").isEmpty();
    assertThat(ParquetInputs.latestDate(spark, table, "local_time")).as("not adjusted to UTC").isEmpty();
    assertThat(ParquetInputs.latestDate(spark, table, "missing")).as("no such column").isEmpty();
  }
}
