package io.clinicalpipeline.common.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark session per test JVM: local[2], 2 shuffle partitions, UI off, bound to 127.0.0.1, UTC.
 * Tests never build their own session.
 */
public final class SparkTestSession {

  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("clinical-pipeline-tests")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
