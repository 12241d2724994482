package io.clinicalpipeline.common.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds or joins the Spark session a job main runs in. Only mains and test fixtures call this; everything
 * else receives the session. No master is set here: spark-submit, SageMaker's smspark-submit or the local
 * launcher (through {@code spark.master}) decide it.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /**
   * The session for a job: joins an active one (the launcher's, a test's) or builds one from the submitted
   * configuration, then fixes the settings the jobs depend on and checks them.
   */
  public static SparkSession forJob(String appName, Map<String, String> extraConf) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null
        && SparkSession.getActiveSession().isEmpty()
        && SparkSession.getDefaultSession().isEmpty()) {
      // Run directly with java (not spark-submit): default to local mode on this machine's cores.
      builder.master("local[*]");
      builder.config("spark.driver.host", "127.0.0.1");
      builder.config("spark.driver.bindAddress", "127.0.0.1");
      builder.config("spark.ui.enabled", "false");
    }
    builder.config("spark.sql.session.timeZone", "UTC");
    builder.config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    if (!submitted(COMMIT_PROTOCOL)) {
      // Parquet footers in one order whatever JVM writes them: same rows, same bytes.
      builder.config(COMMIT_PROTOCOL, OrderedFooterCommitProtocol.class.getName());
    }
    extraConf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    // A session that already existed (spark-submit, run-local) keeps its builder options: set it again.
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    return spark;
  }

  /** Spark's setting naming the commit protocol of file writes. */
  static final String COMMIT_PROTOCOL = "spark.sql.sources.commitProtocolClass";

  /** True when the submitter set {@code key} (spark-submit --conf, or the active session). */
  private static boolean submitted(String key) {
    if (SparkSession.getActiveSession().isDefined()) {
      return SparkSession.getActiveSession().get().conf().contains(key);
    }
    return new org.apache.spark.SparkConf().contains(key);
  }

  /** Input bytes per shuffle partition when a job sizes its shuffles from its input. */
  public static final long BYTES_PER_SHUFFLE_PARTITION = 32L << 20;

  /**
   * Sizes {@code spark.sql.shuffle.partitions} from the input: one partition per
   * {@link #BYTES_PER_SHUFFLE_PARTITION} of (compressed) input, at least the default parallelism, at most
   * Spark's default of 200. Spark's fixed 200 turns a small input into hundreds of tasks per stage whose
   * overhead outweighs the work. A value the user set explicitly (--conf) is kept. Returns the value in use.
   */
  public static int sizeShufflePartitions(SparkSession spark, long inputBytes) {
    if (spark.sparkContext().getConf().contains("spark.sql.shuffle.partitions")) {
      return Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    }
    long wanted = (inputBytes + BYTES_PER_SHUFFLE_PARTITION - 1) / BYTES_PER_SHUFFLE_PARTITION;
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(), Math.min(200, wanted));
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    return partitions;
  }
}
