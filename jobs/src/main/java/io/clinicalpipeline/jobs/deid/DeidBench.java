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
 * core target; (2) the job over the structured tables (every table but notes) against a plain Parquet
 * read+write of the same tables, and their ratio (plain time / job time; 1.0 = as fast as a copy), with the
 * time per table; (3) the same for the notes alone, and for both together. Each round runs the copy and the
 * job back to back, so a ratio compares times taken under the same load; the best of the rounds counts.
 */
public final class DeidBench {

  public static final String HELP =
      """
      Usage: clinical-pipeline deid-bench --input OUT/raw [--replicate N] [--rounds N] [--work DIR]
             clinical-pipeline deid-bench --notes FILE.jsonl [--replicate N]
        --notes FILE     the note detector alone (no Spark) on the texts of a JSONL file, replicated N times:
                         MB per CPU-second and the ratio to deid perl's 9.1 KB per CPU-second
        --input DIR      a raw layer (Parquet per table, as IngestJob writes it)
        --replicate N    enlarge every table N times (ids suffixed) before measuring (default 1)
        --rounds N       timed rounds of plain copy and job, back to back; the best of each counts (default 3)
        --work DIR       scratch folder for the enlarged input and both outputs (default: a temp folder)
      """;

  private DeidBench() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run("deid-bench", () -> {
      Args a = Args.parse(args, Set.of("input", "replicate", "work", "rounds", "notes"), Set.of());
      if (a.has("notes")) {
        return NoteBench.run(java.nio.file.Path.of(a.get("notes")), Math.max(1, a.intValue("replicate", 1)));
      }
      String input = a.require("input");
      int replicate = a.intValue("replicate", 1);
      int rounds = Math.max(1, a.intValue("rounds", 3));
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
      // 2. the job vs a plain Parquet read+write of the same tables: the structured tables (all but notes)
      // and the notes apart, interleaved in every round so that both sides of a ratio see the same load.
      List<String> structured = new ArrayList<>();
      boolean hasNotes = storage.exists(notesPath);
      for (String t : RawSchemas.TABLES) {
        if (!t.equals(RawSchemas.NOTES) && storage.exists(Storage.resolve(enlarged, t))) {
          structured.add(t);
        }
      }
      System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
      Timings sPlain = new Timings();
      Timings sDeid = new Timings();
      Timings nPlain = new Timings();
      Timings nDeid = new Timings();
      Map<String, List<Double>> tablePlain = new java.util.TreeMap<>();
      Map<String, List<Double>> tableDeid = new java.util.TreeMap<>();
      for (int round = 0; round < rounds; round++) {
        sPlain.add(copy(spark, enlarged, work, structured, tablePlain));
        Map<String, Long> nanos = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        DeidentifyJob.run(spark, DeidOptions.parse(new String[] {
                "--input", enlarged, "--output", Storage.resolve(work, "deid-structured"), "--demo-key"}),
            PseudonymKey.of(KeySource.DEMO_SECRET), t -> !t.equals(RawSchemas.NOTES), nanos);
        sDeid.add((System.nanoTime() - t0) / 1e9);
        nanos.forEach((t, n) -> tableDeid.computeIfAbsent(t, x -> new ArrayList<>()).add(n / 1e9));
        if (hasNotes) {
          nPlain.add(copy(spark, enlarged, work, List.of(RawSchemas.NOTES), null));
          t0 = System.nanoTime();
          DeidentifyJob.run(spark, DeidOptions.parse(new String[] {
                  "--input", enlarged, "--output", Storage.resolve(work, "deid-notes"), "--demo-key"}),
              PseudonymKey.of(KeySource.DEMO_SECRET), t -> t.equals(RawSchemas.NOTES), new java.util.HashMap<>());
          nDeid.add((System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT,
            "round %d: structured plain %.2f s, deidentify %.2f s (ratio %.2f); notes plain %.2f s, deidentify %.2f s"
                + " (load average %s)%n",
            round + 1, sPlain.last(), sDeid.last(), sPlain.last() / sDeid.last(), hasNotes ? nPlain.last() : 0,
            hasNotes ? nDeid.last() : 0, loadAverage());
      }
      int cores = spark.sparkContext().defaultParallelism();
      long rows = 0;
      long bytesS = 0;
      for (String t : structured) {
        String p = Storage.resolve(enlarged, t);
        rows += spark.read().parquet(p).count();
        bytesS += sizeOf(spark, p);
      }
      System.out.printf(Locale.ROOT,
          "structured: %d tables, %d rows, %.1f MB of Parquet (replicate %d) on %d cores, best of %d rounds: "
              + "plain read+write %.2f s (%.2f MB/s), deidentify %.2f s (%.2f MB/s): throughput ratio %.2f of the "
              + "plain copy (per round: %s)%n",
          structured.size(), rows, bytesS / 1e6, replicate, cores, rounds, sPlain.min(), bytesS / 1e6 / sPlain.min(),
          sDeid.min(), bytesS / 1e6 / sDeid.min(), sPlain.min() / sDeid.min(), Timings.ratios(sPlain, sDeid));
      for (String t : structured) {
        System.out.printf(Locale.ROOT, "  %-13s plain %.2f s, deidentify %.2f s (best of %d; the job runs tables side by side, "
            + "so its times overlap)%n", t,
            Timings.min(tablePlain.get(t)), Timings.min(tableDeid.get(t)), rounds);
      }
      if (hasNotes) {
        long notes = spark.read().parquet(notesPath).count();
        long bytesN = sizeOf(spark, notesPath);
        System.out.printf(Locale.ROOT,
            "notes: %d rows, %.1f MB of Parquet, %.2f MB of text, best of %d rounds: plain read+write %.2f s, "
                + "deidentify %.2f s (%.2f MB of text/s on %d cores): ratio %.2f of the plain copy (per round: %s)%n",
            notes, bytesN / 1e6, bytes / 1e6, rounds, nPlain.min(), nDeid.min(), bytes / 1e6 / nDeid.min(), cores,
            nPlain.min() / nDeid.min(), Timings.ratios(nPlain, nDeid));
        System.out.printf(Locale.ROOT,
            "whole job (structured + notes): plain read+write %.2f s, deidentify %.2f s: ratio %.2f%n",
            sPlain.min() + nPlain.min(), sDeid.min() + nDeid.min(),
            (sPlain.min() + nPlain.min()) / (sDeid.min() + nDeid.min()));
      }
      System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
      if (a.get("work") == null) {
        deleteQuietly(Path.of(work));
      }
      return 0;
    });
  }

  /** Plain Parquet read+write of {@code tables}; seconds. Per-table seconds go to {@code perTable} if given. */
  private static double copy(
      SparkSession spark, String from, String work, List<String> tables, Map<String, List<Double>> perTable) {
    long t0 = System.nanoTime();
    for (String t : tables) {
      long t1 = System.nanoTime();
      spark.read().parquet(Storage.resolve(from, t)).write().mode(SaveMode.Overwrite)
          .parquet(Storage.resolve(work, "plain", t));
      if (perTable != null) {
        perTable.computeIfAbsent(t, x -> new ArrayList<>()).add((System.nanoTime() - t1) / 1e9);
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Seconds of repeated runs. */
  private static final class Timings {
    private final List<Double> seconds = new ArrayList<>();

    void add(double s) {
      seconds.add(s);
    }

    double last() {
      return seconds.get(seconds.size() - 1);
    }

    double min() {
      return min(seconds);
    }

    static double min(List<Double> xs) {
      return xs == null ? Double.NaN : xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** plain / job per round. */
    static String ratios(Timings plain, Timings job) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < plain.seconds.size(); i++) {
        out.add(String.format(Locale.ROOT, "%.2f", plain.seconds.get(i) / job.seconds.get(i)));
      }
      return String.join(", ", out);
    }
  }

  /** The 1, 5 and 15 minute load averages (Linux), or "n/a". */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
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
