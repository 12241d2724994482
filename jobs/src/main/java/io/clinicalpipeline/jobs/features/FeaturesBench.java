package io.clinicalpipeline.jobs.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.common.spark.SparkSessions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Times the feature job against one group-by pass over the same events, on de-identified tables enlarged
 * by replicating every patient with new pseudonyms:
 *
 * <pre>
 * FeaturesBench --input OUT/deid --work DIR [--replicate 20] [--task NAME|FILE] [--runs 2]
 * </pre>
 *
 * The baseline reads the same Parquet, builds the same long event table and groups it once by
 * {@code (patient_id, source, key)}, writing the result; the job is {@link FeaturesJob} end to end (cohort,
 * aggregation, matrix, every output). Each is run {@code --runs} times, alternating; the best time of each
 * counts. Prints the figures and the ratio job / baseline.
 */
public final class FeaturesBench {

  private FeaturesBench() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(
        "features-bench",
        () -> {
          Args a = Args.parse(args, Set.of("input", "work", "replicate", "task", "runs"), Set.of());
          String input = a.require("input");
          String work = a.require("work");
          int copies = a.intValue("replicate", 20);
          int runs = a.intValue("runs", 2);
          if (copies < 1 || runs < 1) {
            throw new JobRunner.UsageException("--replicate and --runs must be at least 1");
          }
          TaskSpec spec = FeaturesJob.loadTask(a.get("task", TaskSpec.DEFAULT));
          SparkSession spark = SparkSessions.forJob("clinical-pipeline features-bench", Map.of());
          String enlarged = Storage.resolve(work, "enlarged");
          long patients = replicate(spark, input, enlarged, copies);
          // Both sides run with the shuffle partitions the job would size for this input.
          int partitions = SparkSessions.sizeShufflePartitions(spark, Storage.of(spark).size(enlarged));
          FeatureInputs in = FeatureInputs.read(spark, enlarged);
          long events = EventsTransform.events(spec, in).count();

          double best = Double.MAX_VALUE;
          double bestJob = Double.MAX_VALUE;
          FeaturesJob.Summary summary = null;
          for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            baseline(spec, in, Storage.resolve(work, "baseline"));
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            summary = FeaturesJob.run(spark, new FeaturesOptions(enlarged, Storage.resolve(work, "features"), spec.name()), spec);
            bestJob = Math.min(bestJob, (System.nanoTime() - t1) / 1e9);
          }
          System.out.printf(
              "features-bench: task %s, %d patients (x%d), %d events, %d examples, %d features%n",
              spec.name(), patients, copies, events, summary.examples(), summary.features());
          System.out.printf("  shuffle partitions: %d%n", partitions);
          System.out.printf("  baseline (read, events, one group-by, write): %8.2f s%n", best);
          System.out.printf("  feature job (end to end):                    %8.2f s%n", bestJob);
          System.out.printf("  ratio job / baseline:                        %8.2f (target <= 3)%n", bestJob / best);
          return 0;
        });
  }

  /** One group-by pass over the events: what any per-patient aggregation has to pay at least. */
  static void baseline(TaskSpec spec, FeatureInputs in, String output) {
    EventsTransform.events(spec, in)
        .groupBy("patient_id", "source", "key")
        .agg(count(lit(1)).as("n"), max("event_time").as("last_time"), max("value").as("max_value"))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(output);
  }

  /**
   * Writes every table of {@code input} {@code copies} times to {@code output}; copy 0 keeps its ids, the
   * others get new pseudonyms (SHA-256 of id and copy number), so each copy is a new set of patients.
   */
  static long replicate(SparkSession spark, String input, String output, int copies) {
    Storage storage = Storage.of(spark);
    Dataset<Row> k = spark.range(copies).toDF("copy");
    for (String table : RawSchemas.TABLES) {
      String from = Storage.resolve(input, table);
      if (!storage.exists(from)) {
        continue;
      }
      Dataset<Row> t = spark.read().parquet(from).crossJoin(k);
      for (String id : List.of("patient_id", "encounter_id", "note_id")) {
        if (List.of(t.columns()).contains(id)) {
          t = t.withColumn(id, copyId(col(id)));
        }
      }
      t.drop("copy").write().mode(SaveMode.Overwrite).parquet(Storage.resolve(output, table));
    }
    return spark.read().parquet(Storage.resolve(output, RawSchemas.PATIENTS)).count();
  }

  private static Column copyId(Column id) {
    return when(col("copy").equalTo(0), id)
        .otherwise(substring(sha2(concat_ws(":", id, col("copy").cast("string")), 256), 1, 32));
  }
}
