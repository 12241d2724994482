package io.clinicalpipeline.jobs.deid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.io.OutputFiles;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.spark.ParquetInputs;
import io.clinicalpipeline.common.spark.SparkSessions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * De-identifies the raw layer: keyed pseudonyms for every id, dates shifted per patient or cut to the
 * year, ages over 89 collapsed to 90, ZIP3 with restricted prefixes as 000, every other identifier
 * dropped, PHI in notes replaced. Writes {@code OUT/deid/<table>/}, {@code deid_report.json} and
 * {@code _manifest.json}. The same input and key give byte-identical files.
 */
public final class DeidentifyJob {

  public static final String JOB = "deidentify";
  static final String VERSION = "1";

  private DeidentifyJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(JOB, () -> {
      DeidOptions o = DeidOptions.parse(args);
      PseudonymKey key = o.keys().resolve(System.getenv(), List.of(o.output()));
      SparkSession spark = SparkSessions.forJob("clinical-pipeline " + JOB, Map.of());
      run(spark, o, key);
      return 0;
    });
  }

  /** The job body, for callers that already have a session and a key. */
  /**
   * The manifest attribute holding the year living patients' ages were taken at (a year only: Safe Harbor
   * allows it), so the quality job's age check measures against the same year.
   */
  public static final String REFERENCE_YEAR = "reference-year";

  public static DeidReport run(SparkSession spark, DeidOptions o, PseudonymKey key) {
    return run(spark, o, key, t -> true, new LinkedHashMap<>());
  }

  /**
   * The job over the input tables that {@code tables} accepts (patients are still read for the notes'
   * identifiers and the reference date); {@code nanos} receives each written table's wall time. For the
   * benchmark, which times the structured tables and the notes apart.
   */
  static DeidReport run(
      SparkSession spark, DeidOptions o, PseudonymKey key, java.util.function.Predicate<String> tables,
      Map<String, Long> nanos) {
    Storage storage = Storage.of(spark);
    Instant started = Instant.now();
    spark.sparkContext().setJobGroup(JOB, "de-identify " + o.datePolicy().flagValue(), false);
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    for (String t : RawSchemas.TABLES) {
      String path = Storage.resolve(o.input(), t);
      if (storage.exists(path)) {
        raw.put(t, ParquetInputs.read(spark, path));
      }
    }
    if (!raw.containsKey(RawSchemas.PATIENTS)) {
      throw new JobRunner.JobException("no patients table under --input (expected <input>/patients/)");
    }
    LocalDate reference = o.asOf() != null ? o.asOf() : referenceDate(raw);
    DeidSettings settings = new DeidSettings(key, o.datePolicy(), o.replacement(), reference, ZipCodes.load());
    DeidReport report = new DeidReport();
    report.datePolicy = o.datePolicy().flagValue();
    report.replacement = o.replacement().flagValue();
    report.referenceDate = o.datePolicy() == DatePolicy.SAFE_HARBOR ? String.valueOf(reference.getYear()) : "input";
    Manifest manifest = new Manifest(JOB, VERSION);
    manifest.attributes.put("date-policy", o.datePolicy().flagValue());
    manifest.attributes.put(REFERENCE_YEAR, String.valueOf(reference.getYear()));
    manifest.attributes.put("replace", o.replacement().flagValue());
    manifest.attributes.put("key-source", o.keys().toString());
    String inputManifest = Storage.resolve(o.input(), Manifest.FILE_NAME);
    manifest.inputs.put(
        "raw", storage.exists(inputManifest) ? Manifest.fromJson(storage.readText(inputManifest)).digest() : "none");
    manifest.configDigest = Manifest.sha256(String.join(" ", configArgs(o)));

    List<String> selected = raw.keySet().stream().filter(tables).toList();
    Map<String, Future<TableRun>> runs = new LinkedHashMap<>();
    // Tables are independent: they run side by side, so that a table whose output is one file (one task
    // sorting and writing) leaves the other cores to the other tables. Each table's files do not depend on
    // what runs beside it.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, selected.size()), r -> {
      Thread t = new Thread(r, "deidentify-table");
      t.setDaemon(true);
      return t;
    });
    try {
      for (String table : selected) {
        runs.put(table, pool.submit(() -> table(spark, storage, o, settings, raw, table)));
      }
      for (Map.Entry<String, Future<TableRun>> e : runs.entrySet()) {
        TableRun r = await(spark, e.getValue(), selected);
        report.tables.put(e.getKey(), r.report());
        manifest.table(e.getKey(), r.rowsIn(), r.rowsOut(), r.rowsIn() - r.rowsOut());
        nanos.put(e.getKey(), r.nanos());
      }
    } finally {
      pool.shutdownNow();
    }
    storage.writeText(Storage.resolve(o.output(), DeidReport.FILE_NAME), report.toJson());
    manifest.startedAt = started.toString();
    manifest.finishedAt = Instant.now().toString();
    storage.writeText(Storage.resolve(o.output(), Manifest.FILE_NAME), manifest.toJson());
    spark.sparkContext().clearJobGroup();
    return report;
  }

  /** One table's outcome: its report, rows read and written, and wall time. */
  private record TableRun(DeidReport.TableReport report, long rowsIn, long rowsOut, long nanos) {}

  /**
   * De-identifies and writes one table. Rows written and the per-type counts of the written values are
   * observed while the files are written, so nothing is read twice.
   */
  private static TableRun table(
      SparkSession spark, Storage storage, DeidOptions o, DeidSettings settings, Map<String, Dataset<Row>> raw,
      String table) throws InterruptedException {
    long start = System.nanoTime();
    spark.sparkContext().setJobGroup(JOB + "-" + table, "de-identify " + table, false);
    try {
      Dataset<Row> in = raw.get(table);
      // From the files' footers: a count job per table costs more than the small tables' whole write.
      long rowsIn = ParquetInputs.rows(in);
      int partitions = (int) Math.max(1, Math.min(10_000, (rowsIn + o.rowsPerFile() - 1) / o.rowsPerFile()));
      DeidReport.TableReport tr = new DeidReport.TableReport();
      ColumnPlan plan = ColumnPlan.of(table, in.schema());
      tr.droppedColumns.addAll(plan.dropped());
      tr.pseudonymizedColumns.addAll(plan.columns(ColumnPlan.Op.PSEUDONYM));
      tr.dateColumns.addAll(plan.columns(ColumnPlan.Op.DATE));
      tr.dateColumns.addAll(plan.columns(ColumnPlan.Op.TIMESTAMP));
      tr.dateColumns.addAll(plan.columns(ColumnPlan.Op.BIRTH_DATE));
      // Patients: counted on the raw rows as they stream into the write (ages capped, values of dropped columns).
      Map<String, Column> inMetrics = table.equals(RawSchemas.PATIENTS) ? patientMetrics(in, settings) : Map.of();
      Observation inObserved = inMetrics.isEmpty() ? null : new Observation("deidentify-" + table + "-in");
      if (inObserved != null) {
        in = observe(in, inObserved, inMetrics);
      }
      boolean notes = table.equals(RawSchemas.NOTES);
      Dataset<Row> out =
          notes
              ? DeidTransform.notesWithCounts(in, raw.get(RawSchemas.PATIENTS), settings, partitions)
              : DeidTransform.table(in, table, settings, partitions);
      // name -> (count expression, always reported)
      Map<String, Column> metrics = new LinkedHashMap<>();
      metrics.put("__rows", count(lit(1)));
      List<String> columns = List.of(out.columns());
      if (notes) {
        for (PhiType t : PhiType.values()) {
          metrics.put(t.name(), sum(col("phi_" + t.name())));
        }
      }
      if (table.equals(RawSchemas.OBSERVATIONS) && columns.contains("value_text")) {
        for (PhiType t : new java.util.TreeSet<>(ColumnPlan.IDENTIFIER_CODES.values())) {
          metrics.put(t.name(), count(when(col("value_text").equalTo(t.tag()), 1)));
        }
      }
      if (columns.contains("zip3")) {
        metrics.put("ZIP3_RESTRICTED", count(when(col("zip3").equalTo("000"), 1)));
      }
      Observation observed = new Observation("deidentify-" + table);
      out = observe(out, observed, metrics);
      if (notes) {
        out = DeidTransform.withoutCounts(out);
      }
      String path = Storage.resolve(o.output(), table);
      out.write().mode(SaveMode.Overwrite).parquet(path);
      OutputFiles.nameParts(storage, path);
      if (inObserved != null) {
        tr.phi.putAll(counts(inObserved, inMetrics));
      }
      Map<String, Long> values = counts(observed, metrics);
      long rowsOut = values.remove("__rows");
      values.forEach((name, n) -> {
        if (n > 0 || name.equals("ZIP3_RESTRICTED")) {
          tr.phi.put(name, n);
        }
      });
      tr.rows = rowsOut;
      return new TableRun(tr, rowsIn, rowsOut, System.nanoTime() - start);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** {@code d} with {@code metrics} (name → aggregate) observed as {@code o} while it is computed. */
  private static Dataset<Row> observe(Dataset<Row> d, Observation o, Map<String, Column> metrics) {
    List<Column> named = new java.util.ArrayList<>();
    metrics.forEach((name, c) -> named.add(c.as(name)));
    return d.observe(o, named.get(0), named.subList(1, named.size()).toArray(new Column[0]));
  }

  /** The observed metrics by name, in {@code metrics}' order (0 for an aggregate over no rows). */
  private static Map<String, Long> counts(Observation o, Map<String, Column> metrics) throws InterruptedException {
    Map<String, Object> values = o.getAsJava();
    Map<String, Long> out = new LinkedHashMap<>();
    for (String name : metrics.keySet()) {
      Object v = values.get(name);
      out.put(name, v == null ? 0 : ((Number) v).longValue());
    }
    return out;
  }

  /** The table's outcome; on a failure, the other tables' Spark jobs are cancelled and the cause rethrown. */
  private static TableRun await(SparkSession spark, Future<TableRun> run, List<String> tables) {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(spark, tables);
      throw new IllegalStateException("interrupted while de-identifying", e);
    } catch (ExecutionException e) {
      cancel(spark, tables);
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private static void cancel(SparkSession spark, List<String> tables) {
    for (String t : tables) {
      spark.sparkContext().cancelJobGroup(JOB + "-" + t);
    }
  }

  /** The flags that shape the output (not where it goes, not the key). */
  private static List<String> configArgs(DeidOptions o) {
    return List.of(
        o.datePolicy().flagValue(), o.replacement().flagValue(), String.valueOf(o.asOf()), String.valueOf(o.rowsPerFile()));
  }

  /** Living patients' ages are taken at the latest encounter (or note) of the input: deterministic. */
  static LocalDate referenceDate(Map<String, Dataset<Row>> raw) {
    for (String[] tc : new String[][] {{RawSchemas.ENCOUNTERS, "start_time"}, {RawSchemas.NOTES, "note_time"}}) {
      Dataset<Row> d = raw.get(tc[0]);
      if (d != null && List.of(d.columns()).contains(tc[1])) {
        // The row groups' statistics answer without a pass over the table; Spark answers when they cannot.
        java.util.Optional<LocalDate> latest = ParquetInputs.latestDate(d, tc[1]);
        if (latest.isPresent()) {
          return latest.get();
        }
        Row r = d.agg(max(col(tc[1]).cast("date"))).first();
        if (!r.isNullAt(0)) {
          return DeidSettings.toLocalDate(r.get(0));
        }
      }
    }
    Row r = raw.get(RawSchemas.PATIENTS).agg(max(col("birth_date"))).first();
    return r.isNullAt(0) ? LocalDate.of(2000, 1, 1) : DeidSettings.toLocalDate(r.get(0));
  }

  /** Patients' counts by name: ages over 89 (capped to 90) and the non-null values of each dropped column. */
  private static Map<String, Column> patientMetrics(Dataset<Row> patients, DeidSettings s) {
    List<String> cols = List.of(patients.columns());
    Map<String, Column> metrics = new LinkedHashMap<>();
    if (cols.contains("birth_date")) {
      Column ref = cols.contains("death_date")
          ? coalesce(col("death_date"), lit(java.sql.Date.valueOf(s.referenceDate())))
          : lit(java.sql.Date.valueOf(s.referenceDate()));
      metrics.put("AGE_OVER_89",
          count(when(months_between(ref, col("birth_date")).geq(12 * (DeidSettings.MAX_AGE + 1)), 1)));
    }
    for (String c : cols) {
      if (!ColumnPlan.PATIENT_COLUMNS.contains(c)) {
        metrics.put("DROPPED_" + c.toUpperCase(java.util.Locale.ROOT), count(col(c)));
      }
    }
    return metrics;
  }
}
