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
    // three files with nulls, the latest time late on a day (UTC)
    Dataset<Row> rows =
        spark.range(0, 3_011)
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
  void read_givesSparksSchemaAndRows_withoutASchemaJob() throws Exception {
    Dataset<Row> plain = spark.read().parquet(table);
    java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    Dataset<Row> read;
    try {
      read = ParquetInputs.read(spark, table);
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    assertThat(jobs.get()).as("Spark jobs started by the read").isZero();
    assertThat(read.schema()).isEqualTo(plain.schema());
    assertThat(read.except(plain).count()).isZero();
    assertThat(spark.read().parquet(table).count()).isEqualTo(read.count());
  }

  @Test
  void rows_equalsSparksCount() {
    assertThat(ParquetInputs.rows(spark.read().parquet(table))).isEqualTo(spark.read().parquet(table).count()).isEqualTo(3_011);
  }

  @Test
  void latestDate_equalsSparksMaximum() {
    Row r = spark.read().parquet(table).agg(max(col("at").cast("date"))).first();
    LocalDate expected = ((java.sql.Date) r.get(0)).toLocalDate();
    assertThat(ParquetInputs.latestDate(spark.read().parquet(table), "at")).contains(expected);
  }

  @Test
  void latestDate_isEmpty_whenFootersCannotAnswer() {
    assertThat(ParquetInputs.latestDate(spark.read().parquet(table), "never")).as("only nulls").isEmpty();
    assertThat(ParquetInputs.latestDate(spark.read().parquet(table), "day")).as("a date column").isEmpty();
    assertThat(ParquetInputs.latestDate(spark.read().parquet(table), "local_time")).as("not adjusted to UTC").isEmpty();
    assertThat(ParquetInputs.latestDate(spark.read().parquet(table), "missing")).as("no such column").isEmpty();
  }
}
