package io.clinicalpipeline.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.common.spark.SparkSessions;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Benchmark of the evaluation: generates {@code --rows} synthetic test rows (label, model and baseline
 * scores with continuous values, so nearly every score is distinct: the worst case for rank metrics, and
 * the four subgroup attributes), caches them, then times everything {@link EvaluateJob} computes after the
 * join: both models' metrics with {@code --replicates} bootstrap replicates, the paired difference, and the
 * rendering of evaluation.json and evaluation.html. Prints the figures; asserts nothing.
 *
 * <pre>
 * bin/clinical-pipeline evaluate-bench --rows 10000000 --replicates 200
 * </pre>
 */
public final class EvaluateBench {

  public static final String HELP =
      String.join(
          "\n",
          "Usage: evaluate-bench [--rows N] [--replicates B] [--partitions P] [--seed S]",
          "  --rows N          synthetic test rows (10000000)",
          "  --replicates B    bootstrap replicates (200)",
          "  --partitions P    range partitions of the sorted scores (16)",
          "  --seed S          seed of the data and of the bootstrap (1)");

  private EvaluateBench() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run("evaluate-bench", () -> bench(args, System.out));
  }

  static int bench(String[] args, PrintStream out) {
    Args a = Args.parse(args, Set.of("rows", "replicates", "partitions", "seed"), Set.of());
    long rows = a.longValue("rows", 10_000_000L);
    int replicates = a.intValue("replicates", 200);
    int partitions = a.intValue("partitions", 16);
    long seed = a.longValue("seed", 1);
    SparkSession spark = SparkSessions.forJob("evaluate-bench", Map.of());
    spark.sparkContext().setLogLevel("WARN");
    long t0 = System.nanoTime();
    Dataset<Row> joined = synthetic(spark, rows, seed).persist(StorageLevel.MEMORY_AND_DISK());
    long n = joined.count();
    double baseline = baselineSeconds(joined);
    long t1 = System.nanoTime();
    EvaluateOptions options =
        new EvaluateOptions(
            "-", "-", "-", java.util.List.of(0.1, 0.2, 0.3, 0.5), 0.5, EvaluateOptions.DEFAULT_NET_BENEFIT,
            replicates, seed, 2000, partitions, 500, EvaluateOptions.BASELINE_PREDICTIONS);
    long cpu1 = PassTimer.cpuNanos();
    PassTimer timer = new PassTimer();
    Evaluation e = EvaluateJob.evaluate(spark, joined, options.settings(), timer);
    String json = EvaluationJson.render(e);
    String html = EvaluationHtml.render(EvaluationJson.tree(e));
    timer.lap("JSON and HTML");
    long t2 = System.nanoTime();
    long cpu2 = PassTimer.cpuNanos();
    timer.lines().forEach(l -> out.println("evaluate-bench:   " + l));
    joined.unpersist();
    out.println(EvaluateJob.summary(e));
    double evaluate = (t2 - t1) / 1e9;
    out.printf(
        Locale.ROOT,
        "evaluate-bench: %d rows, %d replicates, %d cores: generate+cache %.1f s; evaluate (all metrics, both"
            + " models, JSON %d chars, HTML %d chars) %.1f s wall, %.1f s cpu%n",
        n,
        replicates,
        spark.sparkContext().defaultParallelism(),
        (t1 - t0) / 1e9,
        json.length(),
        html.length(),
        evaluate,
        (cpu2 - cpu1) / 1e9);
    out.printf(
        Locale.ROOT,
        "evaluate-bench: baseline (one aggregation pass over the cached rows: sums of both scores and the"
            + " label, count) %.2f s wall; evaluate / baseline = %.1f%n",
        baseline,
        evaluate / baseline);
    return 0;
  }

  /**
   * Wall seconds of one plain Spark aggregation over the cached rows, the yardstick the evaluation's time
   * is divided by: run twice, the second (warm, like the evaluation's later passes) counts.
   */
  static double baselineSeconds(Dataset<Row> joined) {
    double seconds = 0;
    for (int run = 0; run < 2; run++) {
      long start = System.nanoTime();
      joined.agg(sum(col("score_model")), sum(col("score_baseline")), sum(col("label")), count(lit(1))).first();
      seconds = (System.nanoTime() - start) / 1e9;
    }
    return seconds;
  }

  /** Rows shaped like {@link EvaluateTransform#joined}'s output. */
  static Dataset<Row> synthetic(SparkSession spark, long rows, long seed) {
    Column label = when(rand(seed).lt(0.2), 1).otherwise(0);
    return spark
        .range(0, rows, 1, Math.max(2, spark.sparkContext().defaultParallelism()))
        .withColumn("label", label)
        .withColumn("row_id", hex(xxhash64(col("id"), lit(seed))))
        .withColumn("score_model", sigmoid(col("label").multiply(1.6).plus(randn(seed + 1)).minus(1.8)))
        .withColumn("score_baseline", sigmoid(col("label").multiply(0.6).plus(randn(seed + 2)).minus(1.5)))
        .withColumn("row_key", xxhash64(col("row_id")))
        .withColumn("sex", pick(col("id"), 11, "female", "male"))
        .withColumn("age_band", pick(col("id"), 12, "18-44", "45-64", "65-79", "80+"))
        .withColumn("race", pick(col("id"), 13, "asian", "black", "other", "white"))
        .withColumn("ethnicity", pick(col("id"), 14, "hispanic", "nonhispanic"))
        .select("row_id", "label", "score_model", "score_baseline", "row_key", "sex", "age_band", "race", "ethnicity");
  }

  private static Column sigmoid(Column x) {
    return lit(1.0).divide(lit(1.0).plus(exp(x.unary_$minus())));
  }

  private static Column pick(Column id, int salt, String... levels) {
    Column[] values = java.util.Arrays.stream(levels).map(l -> lit(l)).toArray(Column[]::new);
    return element_at(
        org.apache.spark.sql.functions.array(values), pmod(xxhash64(id, lit(salt)), lit(levels.length)).plus(1).cast("int"));
  }
}
