package io.clinicalpipeline.jobs.deid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.options.Args;
import io.clinicalpipeline.common.spark.SparkSessions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code deid-bench}: measures the de-identifier in one run. Prints (1) note throughput of the scrubber on one
 * thread over the raw notes (replicated), as MB per second of wall time and per second of that thread's CPU
 * time (the per-core figure, which other load on the machine does not lower), and its ratio to the 1 MB/s per
 * core target; (2) the structured job's time and MB/s against a plain Parquet read+write of the same tables,
 * and their ratio (plain time / job time; 1.0 = as fast as a copy).
 */
public final class DeidBench {

  public static final String HELP =
      """
      Usage: clinical-pipeline deid-bench --input OUT/raw [--replicate N] [--work DIR]
        --input DIR      a raw layer (Parquet per table, as IngestJob writes it)
        --replicate N    enlarge every table N times (ids suffixed) before measuring (default 1)
        --work DIR       scratch folder for the enlarged input and both outputs (default: a temp folder)
      """;

  private DeidBench() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run("deid-bench", () -> {
      Args a = Args.parse(args, Set.of("input", "replicate", "work"), Set.of());
      String input = a.require("input");
      int replicate = a.intValue("replicate", 1);
      String work = a.get("work") != null ? a.get("work") : Files.createTempDirectory("deid-bench").toString();
      SparkSession spark = SparkSessions.forJob("clinical-pipeline deid-bench", Map.of());
      Storage storage = Storage.of(spark);
      String enlarged = Storage.resolve(work, "raw");
      long bytes = 0;
      for (String t : RawSchemas.TABLES) {
        String p = Storage.resolve(input, t);
        if (storage.exists(p)) {
          replicated(spark.read().parquet(p), replicate)
              .write().mode(SaveMode.Overwrite).parquet(Storage.resolve(enlarged, t));
        }
      }
      // 1. notes MB/s on one core
      String notesPath = Storage.resolve(enlarged, RawSchemas.NOTES);
      if (storage.exists(notesPath)) {
        List<String> texts = new ArrayList<>();
        for (Row r : spark.read().parquet(notesPath).select("text").limit(200_000).collectAsList()) {
          if (!r.isNullAt(0)) {
            texts.add(r.getString(0));
            bytes += r.getString(0).getBytes(StandardCharsets.UTF_8).length;
          }
        }
        NoteScrubber scrubber =
            new NoteScrubber(Lexicon.get(), ReplacementMode.SURROGATES, DatePolicy.SHIFT, PseudonymKey.of(KeySource.DEMO_SECRET));
        KnownIdentifiers known = KnownIdentifiers.builder().name("Alda").name("Green").identifier("999-35-9473", PhiType.SSN).build();
        for (int i = 0; i < Math.min(200, texts.size()); i++) {
          scrubber.scrub(texts.get(i), known, "warm-up", 7, 2020);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long spans = 0;
        for (String t : texts) {
          spans += scrubber.scrub(t, known, "bench", 7, 2020).spans().size();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double perCore = bytes / 1e6 / cpu;
        System.out.printf(Locale.ROOT,
            "notes: %d texts, %.2f MB, %d PHI spans on one thread: %.2f s wall (%.2f MB/s), %.2f s CPU: "
                + "%.2f MB/s per core (%.1fx the 1 MB/s target)%n",
            texts.size(), bytes / 1e6, spans, s, bytes / 1e6 / s, cpu, perCore, perCore / 1.0);
      }
      // 2. structured job vs plain copy, each run twice, the faster run counts (JIT and file cache warm)
      double plain = Double.MAX_VALUE;
      double deid = Double.MAX_VALUE;
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        for (String t : RawSchemas.TABLES) {
          String p = Storage.resolve(enlarged, t);
          if (storage.exists(p)) {
            spark.read().parquet(p).write().mode(SaveMode.Overwrite).parquet(Storage.resolve(work, "plain", t));
          }
        }
        plain = Math.min(plain, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        DeidentifyJob.run(spark, DeidOptions.parse(new String[] {
            "--input", enlarged, "--output", Storage.resolve(work, "deid"), "--demo-key"}),
            PseudonymKey.of(KeySource.DEMO_SECRET));
        deid = Math.min(deid, (System.nanoTime() - t0) / 1e9);
      }
      long rows = 0;
      long parquetBytes = 0;
      for (String t : RawSchemas.TABLES) {
        String p = Storage.resolve(enlarged, t);
        if (storage.exists(p)) {
          rows += spark.read().parquet(p).count();
          parquetBytes += sizeOf(spark, p);
        }
      }
      int cores = spark.sparkContext().defaultParallelism();
      System.out.printf(Locale.ROOT,
          "structured: %d rows, %.1f MB of Parquet (replicate %d) on %d cores: plain read+write %.2f s (%.2f MB/s), "
              + "deidentify %.2f s (%.2f MB/s): throughput ratio %.2f of the plain copy%n",
          rows, parquetBytes / 1e6, replicate, cores, plain, parquetBytes / 1e6 / plain, deid,
          parquetBytes / 1e6 / deid, plain / deid);
      if (a.get("work") == null) {
        deleteQuietly(Path.of(work));
      }
      return 0;
    });
  }

  /** {@code df} repeated {@code n} times; copy k > 0 has every id column suffixed with {@code -rk}. */
  static Dataset<Row> replicated(Dataset<Row> df, int n) {
    Dataset<Row> out = df;
    for (int k = 1; k < n; k++) {
      Dataset<Row> copy = df;
      for (String c : df.columns()) {
        if (c.endsWith("_id")) {
          copy = copy.withColumn(c, concat(col(c), lit("-r" + k)));
        }
      }
      out = out.union(copy);
    }
    return out;
  }

  /** Bytes of the files under a location (Hadoop file systems: local, s3a). */
  private static long sizeOf(SparkSession spark, String location) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(p).getLength();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot size " + location, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (Exception e) {
      // scratch space only
    }
  }
}
