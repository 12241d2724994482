package io.clinicalpipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import io.clinicalpipeline.common.JobRunner;
import io.clinicalpipeline.common.JobRunner.InputException;
import io.clinicalpipeline.common.JobRunner.JobException;
import io.clinicalpipeline.common.io.Storage;
import io.clinicalpipeline.common.manifest.Manifest;
import io.clinicalpipeline.common.model.RawSchemas;
import io.clinicalpipeline.common.spark.SparkSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads Synthea CSV or FHIR R4 bulk NDJSON into the raw canonical model:
 * {@code OUT/raw/<table>/} Parquet for every table of {@link RawSchemas#TABLES}, {@code OUT/raw/quarantine/}
 * for every input record that could not be used (with file, record number, field and reason), and
 * {@code OUT/raw/_manifest.json} with rows in, out and quarantined per table and quarantined rows per source
 * file and reason ({@link TableReport}).
 *
 * <p>Bad input exits with code 2 ({@link InputException}) and a message naming file, line and field, never a
 * value: before reading data for a missing or unreadable file or header; after writing everything when a
 * file is damaged, a table with source files is empty, or more than {@code --max-quarantine-share} of a
 * table is quarantined.
 *
 * <p>Output is deterministic: each table is hash-partitioned by {@code patient_id} into a fixed number of
 * files and sorted within each by all its columns.
 */
public final class IngestJob {

  public static final String NAME = "ingest";
  /** Files per clinical table. */
  static final int OUTPUT_PARTITIONS = 4;

  private IngestJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return JobRunner.run(
        NAME,
        () -> {
          if (Arrays.asList(args).contains("--help")) {
            System.out.println(IngestOptions.HELP);
            return 0;
          }
          IngestOptions options = IngestOptions.parse(args);
          SparkSession spark = SparkSessions.forJob("clinical-pipeline-ingest", Map.of());
          Manifest manifest = readable(() -> ingest(spark, options));
          System.err.printf(
              "ingest: %d rows in, %d out, %d quarantined (%s)%n",
              manifest.totalIn(), manifest.totalOut(), manifest.totalQuarantined(), manifest.attributes.get("format"));
          return 0;
        });
  }

  /** Reads, checks and writes; returns the manifest it wrote. */
  static Manifest ingest(SparkSession spark, IngestOptions options) {
    String startedAt = Instant.now().toString();
    Storage storage = Storage.of(spark);
    SourceFiles files = new SourceFiles(storage, options.input());
    files.requireFolder();
    InputFormat format = resolve(options.format(), files);
    // Spark's fixed 200 shuffle partitions turn each table's checks into hundreds of near-empty tasks.
    SparkSessions.sizeShufflePartitions(spark, storage.size(options.input()));
    Staged.Tables input =
        format == InputFormat.CSV
            ? new SyntheaCsvReader(spark, files, files.csvFolder().orElseThrow()).read()
            : new FhirNdjsonReader(spark, files, files.fhirFolder().orElseThrow()).read();
    Map<String, Dataset<Row>> staged = input.staged();

    String out = Storage.normalize(options.output());
    Manifest manifest = new Manifest(NAME, version());
    manifest.attributes.put("format", format.flag());
    manifest.configDigest =
        Manifest.sha256(
            "format=" + format.flag() + "\nmax-note-bytes=" + options.maxNoteBytes()
                + "\nmax-quarantine-share=" + options.maxQuarantineShare());
    manifest.startedAt = startedAt;

    List<Dataset<Row>> checkedTables = new ArrayList<>();
    List<TableReport.Problem> problems = new ArrayList<>();
    Dataset<Row> quarantine = null;
    Dataset<Row> patientIds = null;
    Dataset<Row> encounterIds = null;
    for (String table : RawSchemas.TABLES) {
      spark.sparkContext().setJobGroup("ingest-" + table, "ingest: check and write " + table, false);
      Dataset<Row> checked = IngestTransform.conform(table, staged.get(table), options.maxNoteBytes());
      checked = IngestTransform.rejectDuplicates(checked, idField(table));
      if (patientIds != null) {
        checked = IngestTransform.rejectMissingReferences(
            checked, "patient_id", patientIds, IngestTransform.MISSING_PATIENT);
      }
      if (encounterIds != null && RawSchemas.of(table).getFieldIndex("encounter_id").isDefined()) {
        checked = IngestTransform.rejectMissingReferences(
            checked, "encounter_id", encounterIds, IngestTransform.MISSING_ENCOUNTER);
      }
      checked = checked.persist(StorageLevel.MEMORY_AND_DISK());
      checkedTables.add(checked);

      Dataset<Row> valid = IngestTransform.valid(table, checked);
      Dataset<Row> rejected = IngestTransform.quarantine(table, checked);
      writeSorted(valid, Storage.resolve(out, table), OUTPUT_PARTITIONS, col("patient_id"));
      TableReport report =
          TableReport.of(
              table, TableReport.counts(checked).collectAsList(), input.sources().getOrDefault(table, List.of()));
      report.addTo(manifest);
      report.lines().forEach(l -> System.err.println(NAME + ": " + l));
      problems.addAll(report.problems(options.maxQuarantineShare()));
      quarantine = quarantine == null ? rejected : quarantine.unionByName(rejected);
      if (RawSchemas.PATIENTS.equals(table)) {
        patientIds = valid.select("patient_id");
      } else if (RawSchemas.ENCOUNTERS.equals(table)) {
        encounterIds = valid.select("encounter_id");
      }
    }
    spark.sparkContext().setJobGroup("ingest-quarantine", "ingest: write quarantine", false);
    writeSorted(quarantine, Storage.resolve(out, RawSchemas.QUARANTINE), 1, null);
    checkedTables.forEach(Dataset::unpersist);
    spark.sparkContext().clearJobGroup();

    manifest.inputs.put("input", inputDigest(files));
    manifest.finishedAt = Instant.now().toString();
    if (!manifest.balanced()) {
      throw new JobException("row counts do not add up (rows in != rows out + quarantined); nothing is trustworthy");
    }
    manifest.attributes.put("verdict", problems.isEmpty() ? "passed" : "failed");
    storage.writeText(Storage.resolve(out, Manifest.FILE_NAME), manifest.toJson());
    if (!problems.isEmpty()) {
      problems.sort(java.util.Comparator.comparingInt(TableReport.Problem::rank));
      problems.forEach(p -> System.err.println(NAME + ": " + p.message()));
      throw new InputException(
          problems.get(0).message()
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s) above)" : ""));
    }
    return manifest;
  }

  /**
   * Runs {@code body}; a read failure Spark reports without saying where (a corrupt compressed notes file,
   * which is read whole) becomes bad input, exit code 2, rather than an internal error.
   */
  static Manifest readable(java.util.function.Supplier<Manifest> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.io.EOFException || t instanceof java.util.zip.ZipException) {
          throw new InputException(
              "an input file could not be read to its end (truncated or corrupt compressed data; "
                  + t.getClass().getSimpleName() + ")");
        }
      }
      throw e;
    }
  }

  /** The format to read: the one asked for, or detected (CSV when the input has both). */
  static InputFormat resolve(InputFormat asked, SourceFiles files) {
    Optional<String> csv = files.csvFolder();
    Optional<String> fhir = files.fhirFolder();
    switch (asked) {
      case CSV:
        if (csv.isEmpty()) {
          throw new InputException("no Synthea CSV (patients.csv or encounters.csv) under " + files.root());
        }
        return InputFormat.CSV;
      case FHIR:
        if (fhir.isEmpty()) {
          throw new InputException("no FHIR bulk NDJSON (Patient.ndjson or Encounter.ndjson) under " + files.root());
        }
        return InputFormat.FHIR;
      default:
        // Synthea writes CSV for every patient; a FHIR copy beside it is often a subset (as in
        // sample-data), so CSV wins when both are there. Ask for --format fhir to read the FHIR copy.
        if (csv.isPresent()) {
          return InputFormat.CSV;
        }
        if (fhir.isPresent()) {
          return InputFormat.FHIR;
        }
        throw new InputException(
            "no Synthea CSV or FHIR bulk NDJSON under " + files.root() + " (expected csv/ or fhir/ inside it)");
    }
  }

  private static String idField(String table) {
    switch (table) {
      case RawSchemas.PATIENTS:
        return "patient_id";
      case RawSchemas.ENCOUNTERS:
        return "encounter_id";
      case RawSchemas.NOTES:
        return "note_id";
      default:
        return "id";
    }
  }

  /** Writes {@code df} as Parquet: {@code partitions} files by hash of {@code by}, each sorted by all columns. */
  private static void writeSorted(Dataset<Row> df, String location, int partitions, Column by) {
    Column[] all = Arrays.stream(df.columns()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> parts = by == null ? df.repartition(partitions) : df.repartition(partitions, by);
    parts.sortWithinPartitions(all).write().mode("overwrite").parquet(location);
  }

  /** A digest of the names and sizes of the files read: enough to tell a changed input. */
  private static String inputDigest(SourceFiles files) {
    StringBuilder sb = new StringBuilder();
    for (String f : files.used()) {
      sb.append(files.sourceName(f)).append('\t').append(files.size(f)).append('\n');
    }
    return Manifest.sha256(sb.toString());
  }

  private static String version() {
    String v = IngestJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
