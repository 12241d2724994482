package io.clinicalpipeline.jobs.ingest;

import static io.clinicalpipeline.jobs.ingest.Canonical.blankToNull;
import static io.clinicalpipeline.jobs.ingest.Canonical.nullString;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clinicalpipeline.common.model.RawSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Synthea's CSV export ({@code patients.csv}, {@code encounters.csv}, {@code conditions.csv},
 * {@code observations.csv}, {@code medications.csv}, {@code procedures.csv}, each optionally compressed)
 * into the staged raw model, and the {@code notes/} text files when they are there.
 *
 * <p>Each file is read as numbered lines ({@link NumberedLines}) and each line parsed with Spark's own CSV
 * parser ({@code from_csv}) against a schema of all-text columns built from that file's header, with
 * {@code columnNameOfCorruptRecord}: a line with the wrong number of fields or an unclosed quote is kept and
 * quarantined with its line number, never dropped. Types are checked later, per field.
 *
 * <p>Notes: Synthea writes one text file per patient, named {@code <names>_<patient id>.txt}, holding every
 * note of that patient (or just {@code <patient id>.txt}) newest first (the reverse of {@code encounters.csv}'s order), each note beginning
 * with its date. A note is attributed to the patient's encounter at the same position in that reverse order
 * when the encounter's start date equals the note's date; otherwise it is quarantined. Its {@code note_id}
 * is derived from the encounter id (the text files carry none). The patient's names in the file name are
 * not repeated anywhere: the quarantine table names such a file {@code notes/*_<patient id>.txt}.
 */
final class SyntheaCsvReader {

  static final String CORRUPT = "_corrupt";
  private static final String NOTE_TYPE = "34117-2";
  private static final String NOTE_START = "\\n[0-9]{4}-[0-9]{2}-[0-9]{2}\\n\\n# ";
  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private final SparkSession spark;
  private final SourceFiles files;
  private final String csvFolder;

  SyntheaCsvReader(SparkSession spark, SourceFiles files, String csvFolder) {
    this.spark = spark;
    this.files = files;
    this.csvFolder = csvFolder;
  }

  /** Every table of the raw model, staged. */
  Map<String, Dataset<Row>> read() {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(RawSchemas.PATIENTS, table(RawSchemas.PATIENTS, "patients", SyntheaCsvReader::patients));
    Dataset<Row> encounters = table(RawSchemas.ENCOUNTERS, "encounters", SyntheaCsvReader::encounters);
    out.put(RawSchemas.ENCOUNTERS, encounters);
    out.put(RawSchemas.CONDITIONS, table(RawSchemas.CONDITIONS, "conditions", SyntheaCsvReader::conditions));
    out.put(
        RawSchemas.OBSERVATIONS, table(RawSchemas.OBSERVATIONS, "observations", SyntheaCsvReader::observations));
    out.put(
        RawSchemas.MEDICATIONS, table(RawSchemas.MEDICATIONS, "medications", SyntheaCsvReader::medications));
    out.put(RawSchemas.PROCEDURES, table(RawSchemas.PROCEDURES, "procedures", SyntheaCsvReader::procedures));
    out.put(RawSchemas.NOTES, notes(encounters));
    return out;
  }

  /** How one CSV file's parsed columns (by header name) become the model's columns. */
  @FunctionalInterface
  interface Mapping {
    Map<String, Column> columns(Fields f);
  }

  /** The parsed fields of one file: a header name the file lacks reads as null. */
  static final class Fields {
    private final Set<String> header;

    Fields(Set<String> header) {
      this.header = header;
    }

    Column get(String name) {
      return header.contains(name) ? blankToNull(col("r.`" + name + "`")) : nullString();
    }

    boolean has(String name) {
      return header.contains(name);
    }
  }

  private Dataset<Row> table(String table, String stem, Mapping mapping) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String file : files.find(csvFolder, stem, "csv")) {
      String header = NumberedLines.firstLine(spark, file);
      if (header == null) {
        continue;
      }
      Set<String> names = new LinkedHashSet<>();
      StructType schema = new StructType();
      for (String h : header.replace("\uFEFF", "").split(",", -1)) {
        String name = h.strip().replaceAll("^\"|\"$", "");
        if (!name.isEmpty() && names.add(name)) {
          schema = schema.add(name, StringType, true);
        }
      }
      schema = schema.add(CORRUPT, StringType, true);
      Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
      Dataset<Row> lines =
          NumberedLines.read(spark, file, files.sourceName(file))
              .filter(col(NumberedLines.RECORD).gt(1).and(length(col(NumberedLines.LINE)).gt(0)))
              .withColumn("r", from_csv(col(NumberedLines.LINE), lit(schema.toDDL()), options));
      Column malformed = col("r").isNull().or(col("r." + CORRUPT).isNotNull());
      Map<String, Column> values = mapping.columns(new Fields(names));
      parts.add(
          Staged.select(
              lines,
              table,
              values,
              keyOf(table, values),
              nullString(),
              when(malformed, lit(IngestTransform.MALFORMED_CSV))));
    }
    return Staged.union(spark, table, parts);
  }

  private static Column keyOf(String table, Map<String, Column> values) {
    if (RawSchemas.PATIENTS.equals(table)) {
      return values.get("patient_id");
    }
    if (RawSchemas.ENCOUNTERS.equals(table)) {
      return values.get("encounter_id");
    }
    return nullString();
  }

  static Map<String, Column> patients(Fields f) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("patient_id", f.get("Id"));
    m.put("birth_date", f.get("BIRTHDATE"));
    m.put("death_date", f.get("DEATHDATE"));
    m.put("ssn", f.get("SSN"));
    m.put("drivers_license", f.get("DRIVERS"));
    m.put("passport", f.get("PASSPORT"));
    m.put("prefix", f.get("PREFIX"));
    m.put("first_name", f.get("FIRST"));
    m.put("middle_name", f.get("MIDDLE"));
    m.put("last_name", f.get("LAST"));
    m.put("suffix", f.get("SUFFIX"));
    m.put("maiden_name", f.get("MAIDEN"));
    m.put("marital_status", f.get("MARITAL"));
    m.put("race", f.get("RACE"));
    m.put("ethnicity", f.get("ETHNICITY"));
    m.put("sex", f.get("GENDER"));
    m.put("birthplace", f.get("BIRTHPLACE"));
    m.put("address", f.get("ADDRESS"));
    m.put("city", f.get("CITY"));
    m.put("state", Canonical.state(f.get("STATE")));
    m.put("county", f.get("COUNTY"));
    m.put("fips", f.get("FIPS"));
    m.put("zip", f.get("ZIP"));
    m.put("latitude", f.get("LAT"));
    m.put("longitude", f.get("LON"));
    return m;
  }

  static Map<String, Column> encounters(Fields f) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("encounter_id", f.get("Id"));
    m.put("patient_id", f.get("PATIENT"));
    m.put("organization_id", f.get("ORGANIZATION"));
    m.put("provider_id", f.get("PROVIDER"));
    m.put("payer_id", f.get("PAYER"));
    m.put("encounter_class", Canonical.encounterClass(f.get("ENCOUNTERCLASS")));
    m.put("code_system", f.has("SYSTEM") ? Canonical.codeSystem(f.get("SYSTEM")) : whenCoded(f, "SNOMED"));
    m.put("code", f.get("CODE"));
    m.put("description", f.get("DESCRIPTION"));
    m.put("start_time", f.get("START"));
    m.put("end_time", f.get("STOP"));
    m.put("reason_code", f.get("REASONCODE"));
    m.put("reason_description", f.get("REASONDESCRIPTION"));
    return m;
  }

  static Map<String, Column> conditions(Fields f) {
    Map<String, Column> m = event(f, whenCoded(f, "SNOMED"));
    m.put("start_date", f.get("START"));
    m.put("stop_date", f.get("STOP"));
    return m;
  }

  /**
   * Synthea's observations carry no code system: LOINC codes are recognised by their form; anything else
   * (Synthea's own QALY, DALY and QOLS measures) has no system and is quarantined as such. A value that
   * reads as a number is numeric whatever {@code TYPE} says (FHIR carries such values as quantities);
   * only numeric values keep their unit (coded values carry none in FHIR, {@code {nominal}} in the CSV).
   */
  static Map<String, Column> observations(Fields f) {
    Map<String, Column> m = event(f, when(f.get("CODE").rlike(Canonical.LOINC_CODE), lit("LOINC")));
    Column value = f.get("VALUE");
    Column numeric = f.get("TYPE").equalTo("numeric").or(value.rlike(Canonical.NUMBER));
    m.put("category", f.get("CATEGORY"));
    m.put("value_numeric", when(numeric, value));
    m.put("value_text", when(numeric.isNull().or(numeric.equalTo(false)), value));
    m.put("units", when(numeric, f.get("UNITS")));
    m.put("effective_time", f.get("DATE"));
    return m;
  }

  static Map<String, Column> medications(Fields f) {
    Map<String, Column> m = timedEvent(f, when(f.get("CODE").rlike(Canonical.NUMERIC_CODE), lit("RxNorm")));
    m.put("dispenses", f.get("DISPENSES"));
    return m;
  }

  static Map<String, Column> procedures(Fields f) {
    return timedEvent(f, whenCoded(f, "SNOMED"));
  }

  /**
   * The columns every clinical event has: patient, encounter, code and its system (the file's
   * {@code SYSTEM} column when it has one, as Synthea 3.3 writes for some tables, else {@code inferred}).
   */
  private static Map<String, Column> event(Fields f, Column inferred) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("patient_id", f.get("PATIENT"));
    m.put("encounter_id", f.get("ENCOUNTER"));
    m.put("code_system", f.has("SYSTEM") ? Canonical.codeSystem(f.get("SYSTEM")) : inferred);
    m.put("code", f.get("CODE"));
    m.put("description", f.get("DESCRIPTION"));
    return m;
  }

  /** An event with start, stop and reason (medications, procedures). */
  private static Map<String, Column> timedEvent(Fields f, Column inferred) {
    Map<String, Column> m = event(f, inferred);
    m.put("start_time", f.get("START"));
    m.put("stop_time", f.get("STOP"));
    m.put("reason_code", f.get("REASONCODE"));
    m.put("reason_description", f.get("REASONDESCRIPTION"));
    return m;
  }

  /** {@code system} for rows that have a code. */
  private static Column whenCoded(Fields f, String system) {
    return when(f.get("CODE").isNotNull(), lit(system));
  }

  /**
   * Runs {@code read} with the listing of its paths done on the driver. Spark lists more than 32 paths with
   * a job of one task per path; for the notes (one small file per patient, already listed) that job costs
   * seconds and the driver's listing milliseconds.
   */
  private Dataset<Row> listedOnDriver(java.util.function.Supplier<Dataset<Row>> read) {
    String key = "spark.sql.sources.parallelPartitionDiscovery.threshold";
    String before = spark.conf().get(key);
    spark.conf().set(key, Integer.toString(Integer.MAX_VALUE));
    try {
      return read.get();
    } finally {
      spark.conf().set(key, before);
    }
  }

  private Dataset<Row> notes(Dataset<Row> stagedEncounters) {
    String folder = files.notesFolder().orElse(null);
    if (folder == null) {
      return Staged.empty(spark, RawSchemas.NOTES);
    }
    List<String> paths = files.list(folder, java.util.regex.Pattern.compile("(.*_)?" + UUID + "\\.txt(\\.gz|\\.bz2)?"));
    if (paths.isEmpty()) {
      return Staged.empty(spark, RawSchemas.NOTES);
    }
    String folderName = files.sourceName(folder);
    Dataset<Row> perFile =
        listedOnDriver(() -> spark.read().option("wholetext", "true").text(paths.toArray(new String[0])))
            .select(input_file_name().as("file"), col("value").as("content"));
    Column fileName = regexp_extract(col("file"), "([^/]+)$", 1);
    Dataset<Row> notes =
        perFile
            .select(
                regexp_extract(fileName, "(" + UUID + ")\\.txt", 1).as("pid"),
                concat(
                        lit(folderName + "/*_"),
                        regexp_extract(fileName, "(" + UUID + "\\.txt(\\.gz|\\.bz2)?)$", 1))
                    .as(Staged.SOURCE_FILE),
                posexplode(
                    split(
                        regexp_replace(col("content"), "\\n\\n\\n$", ""),
                        "\\n\\n(?=" + NOTE_START + ")")))
            .select(
                col("pid"),
                col(Staged.SOURCE_FILE),
                col("pos"),
                col("col").as("text"),
                regexp_extract(col("col"), "^\\n([0-9]{4}-[0-9]{2}-[0-9]{2})\\n", 1).as("note_date"));

    Dataset<Row> ranked =
        stagedEncounters
            .filter(col("patient_id").isNotNull())
            .select(
                col("patient_id").as("e_pid"),
                col("encounter_id").as("e_id"),
                col("start_time").as("e_start"),
                row_number()
                        .over(
                            Window.partitionBy(col("patient_id"))
                                .orderBy(desc(Staged.SOURCE_FILE), desc(Staged.RECORD)))
                    .minus(1)
                    .as("e_pos"));
    Dataset<Row> joined =
        notes.join(
            ranked, notes.col("pid").equalTo(ranked.col("e_pid")).and(notes.col("pos").equalTo(ranked.col("e_pos"))),
            "left");
    Column attributed =
        col("e_id").isNotNull()
            .and(to_date(try_to_timestamp(col("e_start"))).equalTo(to_date(col("note_date"))));
    Column noteId = sha2(concat(lit("note:"), col("e_id")), 256);
    Map<String, Column> m = new LinkedHashMap<>();
    m.put(
        "note_id",
        when(
            attributed,
            concat_ws(
                "-",
                substring(noteId, 1, 8),
                substring(noteId, 9, 4),
                substring(noteId, 13, 4),
                substring(noteId, 17, 4),
                substring(noteId, 21, 12))));
    m.put("patient_id", blankToNull(col("pid")));
    m.put("encounter_id", when(attributed, col("e_id")));
    m.put("note_type", lit(NOTE_TYPE));
    m.put("note_time", when(attributed, col("e_start")));
    m.put("text", col("text"));
    Dataset<Row> withMeta = joined.withColumn(Staged.RECORD, col("pos").plus(1));
    return Staged.select(
        withMeta,
        RawSchemas.NOTES,
        m,
        coalesce(m.get("note_id"), nullString()),
        when(attributed.isNull().or(attributed.equalTo(false)), lit("encounter_id")),
        when(attributed.isNull().or(attributed.equalTo(false)), lit(IngestTransform.UNATTRIBUTED_NOTE)));
  }
}
